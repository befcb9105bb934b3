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

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
