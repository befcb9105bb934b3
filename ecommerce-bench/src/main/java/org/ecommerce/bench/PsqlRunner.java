package org.ecommerce.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one SQL text with psql and returns the time psql's {@code \timing} reports for it: from
 * sending the query to holding the whole result (server time and transfer, no psql start-up, no
 * connection, no printing). The result is printed unaligned to /dev/null. The text runs twice in
 * one session: the first run is psql as it is used (a new session), the second a session that
 * has run the query before, as a pooled connection of the JVM contenders has.
 */
final class PsqlRunner {

    private static final Pattern TIMING = Pattern.compile("^Time: ([0-9.]+) ms", Pattern.MULTILINE);

    private final Map<String, String> libpqEnvironment;
    private final Path directory;

    PsqlRunner(Map<String, String> libpqEnvironment) throws IOException {
        this.libpqEnvironment = libpqEnvironment;
        this.directory = Files.createTempDirectory("ecommerce-bench-psql");
        directory.toFile().deleteOnExit();
    }

    /** What psql's {@code \timing} reported for two runs of one text in one session, ms. */
    record Runs(double first, double second) {
    }

    /** Milliseconds psql reports for two runs of {@code sql} in one new session. */
    Runs millis(String sql) throws IOException, InterruptedException {
        Path file = Files.createTempFile(directory, "query", ".sql");
        try {
            Files.writeString(file, "\\timing on\n" + sql + ";\n" + sql + ";\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                    "-o", "/dev/null", "-f", file.toString()).redirectErrorStream(true);
            builder.environment().putAll(libpqEnvironment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + output);
            }
            Matcher timing = TIMING.matcher(output);
            double[] runs = new double[2];
            for (int run = 0; run < runs.length; run++) {
                if (!timing.find()) {
                    throw new IllegalStateException("not two \\timing lines in psql's output: " + output);
                }
                runs[run] = Double.parseDouble(timing.group(1));
            }
            return new Runs(runs[0], runs[1]);
        } finally {
            Files.delete(file);
        }
    }

    static String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return output.replaceFirst("^psql \\(PostgreSQL\\) ", "");
    }
}
