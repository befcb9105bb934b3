package org.ecommerce.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.ecommerce.dao.Ecommerce;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce also-bought --product ID}: what buyers of a product also bought. */
@Command(name = "also-bought",
        description = "Customers who bought this product also bought these (as of the last rebuild: use --rebuild to refresh).")
final class AlsoBoughtCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--product", required = true, paramLabel = "ID", description = "The product's id.")
    private long productId;

    @Option(names = "--limit", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--rebuild", description = "Rebuild the recommendation model first (scores, popularity and co-purchase, which comes from purchases).")
    private boolean rebuild;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            database.requireCurrent();
            Ecommerce shop = Ecommerce.create(database.dataSource());
            if (rebuild) {
                shop.recommendations().rebuildAll();
            }
            RecommendationsTable.print(shop, LimitOption.judged(spec, () -> shop.recommendations().alsoBought(productId, limit)), out);
        }
        out.flush();
        return ExitCode.OK;
    }
}
