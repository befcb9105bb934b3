package org.ecommerce.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.ecommerce.dao.Ecommerce;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce recommend --customer ID}: the customer's top-N recommendations. */
@Command(name = "recommend",
        description = "The best products for a customer, leaving out what they bought (their purchase interactions)"
                + " and what is out of stock.")
final class RecommendCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.")
    private long customerId;

    @Option(names = "--limit", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            database.requireCurrent();
            Ecommerce shop = Ecommerce.create(database.dataSource());
            RecommendationsTable.print(shop, LimitOption.judged(spec, () -> shop.recommendations().topFor(customerId, limit)), out);
        }
        out.flush();
        return ExitCode.OK;
    }
}
