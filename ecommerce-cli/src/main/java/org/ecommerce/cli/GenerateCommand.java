package org.ecommerce.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.cli.console.TextTable;
import org.ecommerce.cli.generate.GeneratedShopFiles;
import org.ecommerce.cli.generate.SyntheticShop;
import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.schema.Engine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce generate}: a large, realistic, reproducible shop in an empty database. */
@Command(name = "generate",
        description = {"Fill a database without shop data (migrating it first) with a synthetic shop: the same seed"
                + " always gives the same rows.",
            "Popularity is skewed, each customer has favourite categories and brands, traffic peaks before Christmas,"
                + " orders often have several lines, some lines are returned, and only buyers review.",
            "The shop is written as the CSV files of `export` into a temporary directory, then imported: every row"
                + " goes through the database's rules (stock, order totals, reviews only by buyers, scores)."})
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "1000", description = "Customers (default: ${DEFAULT-VALUE}).")
    private int customers;

    @Option(names = "--products", paramLabel = "N", defaultValue = "500", description = "Products (default: ${DEFAULT-VALUE}).")
    private int products;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "5000", description = "Orders (default: ${DEFAULT-VALUE}).")
    private long orders;

    @Option(names = "--interactions", paramLabel = "N", defaultValue = "50000",
            description = "Interactions: views, clicks, carts, purchases, reviews (default: ${DEFAULT-VALUE}).")
    private long interactions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws SQLException, IOException {
        if (customers < 1 || products < 1 || orders < 0 || interactions < 0) {
            throw new CliException(ExitCode.USAGE, "--customers and --products must be at least 1, --orders and"
                    + " --interactions at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // about 50 products per category and 30 per brand, as in a real catalogue
        SyntheticShop.Size size = new SyntheticShop.Size(customers, products, Math.max(1, Math.min(200, products / 50)),
                Math.max(1, Math.min(1000, products / 30)), 365, seed);
        try (Database database = cli.openDatabase()) {
            database.migrateUnlessCurrent();
            Map<String, Long> holding = ShopContents.tablesWithData(database.dataSource());
            if (!holding.isEmpty()) {
                throw new CliException(ExitCode.STATE_CONFLICT, database.displayUrl() + " already holds data (" + holding
                        + "); generate fills an empty database: use a new --data-dir or database");
            }
            long started = System.nanoTime();
            Map<String, Long> written;
            // the files of the shop, about 90 bytes per order and interaction, for as long as the import runs
            Path files = Files.createTempDirectory("ecommerce-generate-");
            try {
                try (Progress progress = Progress.start("generate customers", customers, err)) {
                    written = GeneratedShopFiles.write(files, size, new SyntheticShop.Targets(orders, interactions),
                            interactionTypes(database.dataSource()), progress);
                }
                ShopImport load = ShopImport.check(database.dataSource(), files);
                load.write(err);
                if (!load.problems().isEmpty()) {
                    throw new CliException(ExitCode.FAILURE, "the database refused generated rows, nothing was written: "
                            + load.problems().getFirst());
                }
            } finally {
                deleteQuietly(files, err);
            }
            analyze(database, written.keySet());
            out.printf("Generated a shop (seed %d) into %s in %.1f s:%n", seed, database.displayUrl(),
                    (System.nanoTime() - started) / 1e9);
            TextTable table = new TextTable("table", "rows");
            written.forEach(table::row);
            table.print(out);
        }
        return ExitCode.OK;
    }

    /** The interaction types' ids by name, as the migration created them. */
    private static Map<String, Short> interactionTypes(DataSource dataSource) throws SQLException {
        Map<String, Short> types = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM interaction_type")) {
            while (rs.next()) {
                types.put(rs.getString("name"), rs.getShort("id"));
            }
        }
        return types;
    }

    /**
     * PostgreSQL: gives the planner statistics of the filled tables (and of the scores their
     * interactions derived), so that the first queries after a load (and any session's cached
     * plans, which ANALYZE invalidates) do not plan for the empty tables they were created as
     * when autovacuum is off or has not run yet.
     */
    private static void analyze(Database database, Set<String> tables) throws SQLException {
        if (database.engine() == Engine.POSTGRESQL) {
            try (Connection connection = database.dataSource().getConnection();
                 Statement s = connection.createStatement()) {
                s.execute("ANALYZE " + String.join(", ", tables) + ", recommendation_score");
            }
        }
    }

    /** Deletes the generated files; one that cannot be deleted is reported, not thrown over the command's outcome. */
    private static void deleteQuietly(Path directory, PrintWriter err) {
        try (Stream<Path> generated = Files.list(directory)) {
            for (Path file : generated.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            err.println("warning: could not delete the generated files in " + directory + ": " + e.getMessage());
        }
    }
}
