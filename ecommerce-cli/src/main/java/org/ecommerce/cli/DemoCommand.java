package org.ecommerce.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ecommerce demo}: the library at work on a fresh database, told as a story (see
 * {@link DemoWalkthrough}).
 *
 * <p>A database that already holds shop data is refused (exit code 4), never silently mixed
 * with the demo's: {@code --reset} empties the embedded database of the data directory first;
 * a {@code --jdbc-url} database is never dropped by this command.
 */
@Command(name = "demo",
        description = {"Show the library at work on a fresh database: migrate, build a small catalogue and customers,"
                + " then walk one customer through register, payment methods, basket, checkout, delivery, return and"
                + " review, and show a review refused for a non-buyer.",
            "Refuses a database that already holds shop data (exit code 4): use --reset for the embedded database,"
                + " a new --data-dir, or an empty database for --jdbc-url."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--reset",
            description = "Drop everything in the embedded database of --data-dir first (refused with --jdbc-url).")
    private boolean reset;

    @Override
    public Integer call() throws SQLException {
        if (reset && !cli.usesEmbeddedDatabase()) {
            throw new CliException(ExitCode.USAGE, "--reset only empties the embedded database of --data-dir;"
                    + " drop or empty a --jdbc-url database yourself");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            if (reset) {
                dropEverything(database);
            }
            MigrationResult migration = database.migrate();
            Map<String, Long> holding = ShopContents.tablesWithData(database.dataSource());
            if (!holding.isEmpty()) {
                throw new CliException(ExitCode.STATE_CONFLICT, database.displayUrl() + " already holds shop data ("
                        + holding.getOrDefault("customer", 0L) + " customers, " + holding.getOrDefault("orders", 0L)
                        + " orders); the demo needs a fresh database: "
                        + (cli.usesEmbeddedDatabase() ? "run it with --reset, or give a new --data-dir"
                        : "give the --jdbc-url of an empty database"));
            }
            out.printf("ecommerce demo on %s %s (schema version %s)%n", database.engine().displayName(),
                    database.displayUrl(), migration.schemaVersion());
            new DemoWalkthrough(Ecommerce.create(database.dataSource()), out).run();
            out.flush();
        }
        return ExitCode.OK;
    }

    /** Empties the embedded H2 database: its tables, triggers and schema history. */
    private static void dropEverything(Database database) throws SQLException {
        if (database.engine() != Engine.H2) {
            throw new IllegalStateException("--reset is for the embedded H2 database only");
        }
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
        }
    }
}
