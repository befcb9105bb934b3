package org.ecommerce.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.cli.console.TextTable;
import org.ecommerce.cli.generate.GeneratedShopWriter;
import org.ecommerce.cli.generate.SyntheticShop;
import org.ecommerce.cli.transfer.ShopContents;

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
            "Rows are written in batches through the database's rules (stock, order totals, reviews only by buyers)."})
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
    public Integer call() throws SQLException {
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
            try (Progress progress = Progress.start("generate customers", customers, err)) {
                written = GeneratedShopWriter.write(database.batchDataSource(), database.engine(), size,
                        new SyntheticShop.Targets(orders, interactions), progress);
            }
            out.printf("Generated a shop (seed %d) into %s in %.1f s:%n", seed, database.displayUrl(),
                    (System.nanoTime() - started) / 1e9);
            TextTable table = new TextTable("table", "rows");
            written.forEach(table::row);
            table.print(out);
        }
        return ExitCode.OK;
    }
}
