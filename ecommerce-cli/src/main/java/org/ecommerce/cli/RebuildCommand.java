package org.ecommerce.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.recommendation.RebuildSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce rebuild}: recomputes the recommendation model from the interactions. */
@Command(name = "rebuild",
        description = {"Recompute the recommendation model from every interaction, in one transaction:"
                + " the scores (the same values recording each interaction gives), product popularity and"
                + " \"customers who bought this also bought\". A product counts as bought through its purchase"
                + " interaction, which the library records for each line of an order it places; orders loaded"
                + " otherwise need theirs in interaction.csv.",
            "Run it after loading data by other means than the library, or periodically (e.g. nightly)."})
final class RebuildCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            database.requireCurrent();
            print(Ecommerce.create(database.dataSource()), out);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Rebuilds {@code shop}'s recommendation model and says what it holds now. */
    static void print(Ecommerce shop, PrintWriter out) {
        long started = System.nanoTime();
        RebuildSummary summary = shop.recommendations().rebuildAll();
        out.printf("Rebuilt the recommendations in %.1f s: %d scores, %d products' popularity, %d also-bought pairs.%n",
                (System.nanoTime() - started) / 1e9, summary.scores(), summary.products(), summary.similarPairs());
    }
}
