package org.ecommerce.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

import com.example.shop.QuickStart;

/**
 * A first run of the quick start, in a JVM of its own as a new user's program would be, with
 * SLF4J's simple binding at its default level (INFO): its output has no warning and no banner.
 */
@OnBothEngines
class QuickStartLogTest {

    @Test
    void aFirstRegistrationAndOrderLogNoWarningAndNoBanner(TestDatabase db) throws IOException, InterruptedException {
        String url = db.newEmptyDatabaseUrl("quietstart");

        // its output goes to a file, so that a program that hangs fails the wait instead of the read
        Path log = Files.createTempFile("quickstart", ".log");
        try {
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), QuickStartLogTest.class.getName(), url)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = run.waitFor(2, TimeUnit.MINUTES);
            if (!ended) {
                run.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);

            assertThat(ended).as(output).isTrue();
            assertThat(run.exitValue()).as(output).isZero();
            assertThat(output).contains("Claw hammer")          // the quick start ran
                    .doesNotContain("WARN", "Global salt length",          // password4j
                            "@@@@", "Thank you for using jOOQ", "tip of the day",  // jOOQ's banner and tip
                            "older than what dialect");                      // jOOQ's version check
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The new user's program: the quick start on the database at {@code args[0]}. */
    public static void main(String[] args) {
        QuickStart.run(TestDatabase.forUrl(args[0]));
    }
}
