package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help everywhere, documented exit codes, errors as one line. */
@OnBothEngines
class CommandLineTest {

    private final TestDatabase db;

    CommandLineTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void everyCommandHasHelpListingTheExitCodes() {
        for (String command : new String[] {"migrate", "demo", "export", "import", "help"}) {
            // when
            CliRun run = CliRun.of(command, "--help");

            // then
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(command).contains("Usage: ecommerce " + command, "--jdbc-url", "--data-dir",
                    "Exit codes:", "3   input refused by the rules", "5   database unreachable");
        }
    }

    @Test
    void migrateCreatesTheSchemaInAnEmptyDatabaseAndIsANoOpTheSecondTime() {
        // given an empty database
        String url = db.newEmptyDatabaseUrl("migrate");

        // when
        CliRun first = CliRun.of("migrate", "--jdbc-url", url);
        CliRun second = CliRun.of("--jdbc-url", url, "migrate");

        // then
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).containsPattern(db.engine().displayName() + " database .*: schema at version \\d+ \\(\\d+ migrations applied now\\)");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("(0 migrations applied now)");
    }

    @Test
    void aBadCommandLineIsOneErrorLineWithAHintAndExitCode2() {
        // when
        CliRun run = CliRun.of("demo", "--no-such-option");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: Unknown option: '--no-such-option'",
                "Try 'ecommerce demo --help' for the options.");
    }

    @Test
    void aDataDirThatIsAFileIsABadCommandLine(@TempDir Path dir) throws Exception {
        // given a regular file where the embedded database's directory should be
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a database");

        // when
        CliRun run = CliRun.of("report", "low-stock", "--data-dir", file.toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("error: --data-dir " + file + " is a file, not a directory");
        assertThat(file).hasContent("not a database");
    }

    @Test
    void anUnreachableDatabaseIsOneErrorLineAndExitCode5WithTheStackTraceOnlyWhenVerbose() {
        // given a port on this machine where no database listens
        String nowhere = "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=secret";

        // when
        CliRun plain = CliRun.of("migrate", "--jdbc-url", nowhere);
        CliRun verbose = CliRun.of("migrate", "--jdbc-url", nowhere, "--verbose");

        // then
        assertThat(plain.exitCode()).isEqualTo(5);
        assertThat(plain.err().lines()).singleElement().asString()
                .startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere:")
                .doesNotContain("secret");
        assertThat(verbose.exitCode()).isEqualTo(5);
        assertThat(verbose.err()).contains("\tat org.ecommerce.cli.");
    }
}
