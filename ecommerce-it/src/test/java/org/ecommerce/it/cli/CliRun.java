package org.ecommerce.it.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.ecommerce.cli.EcommerceCli;

/**
 * One run of the {@code ecommerce} command line, in-process, with what it printed.
 *
 * @param exitCode what the process would exit with
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code ecommerce args...} as {@code java -jar ecommerce.jar args...} would. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = EcommerceCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Standard error's lines less the progress lines ("import: 92 of 93 done in 0.1 s"). */
    java.util.stream.Stream<String> messages() {
        return err.lines().filter(line -> !PROGRESS.matcher(line).matches());
    }

    private static final java.util.regex.Pattern PROGRESS =
            java.util.regex.Pattern.compile("[a-z ]+: [0-9,]+ of [0-9,]+ (\\([0-9]+%\\)|done in .*)");

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
