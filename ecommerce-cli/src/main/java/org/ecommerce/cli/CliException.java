package org.ecommerce.cli;

/**
 * A failure a command reports to its user as one line, with the exit code that classifies it
 * (see {@link ExitCode}).
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}'s values
     * @param message  what went wrong and, where possible, what to do about it
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCode}'s values
     * @param message  what went wrong
     * @param cause    the underlying error, shown with {@code --verbose}
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
