package org.ecommerce.cli;

/**
 * The exit codes of every {@code ecommerce} command, so that scripts can tell a refusal of their
 * input from a database that is down. {@code --help} lists them too.
 */
public final class ExitCode {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An unexpected error: a bug or a broken environment (the message says which; --verbose shows the stack trace). */
    public static final int FAILURE = 1;
    /** The command line itself is wrong: unknown option, missing parameter. */
    public static final int USAGE = 2;
    /** The input was refused by the rules: invalid CSV rows, or a business rule of the library. */
    public static final int DATA_REJECTED = 3;
    /** The database or a directory is not in the state the command needs (e.g. demo or import on a database that already holds data). */
    public static final int STATE_CONFLICT = 4;
    /** The database cannot be reached, is not a supported engine, or failed. */
    public static final int DATABASE_UNAVAILABLE = 5;

    private ExitCode() {
    }
}
