package org.ecommerce.bench;

import java.util.List;

/**
 * How every throughput comparison runs: each contender warms up, then in each round every
 * contender runs once, the starting one rotating from round to round, so that background load
 * falls on all of them alike.
 */
final class Turns {

    private Turns() {
    }

    /** {@code label} names the comparison in the log, e.g. "PostgreSQL, 8 clients". */
    static Comparison compare(String label, int clients, List<Contender> contenders, BenchSettings settings)
            throws Exception {
        for (Contender contender : contenders) {
            double warm = contender.perSecond(clients, settings.warmUp());
            Benchmarks.log("%s, warm-up %s: %.0f/s", label, contender.name(), warm);
        }
        Comparison comparison = new Comparison(clients);
        for (int round = 0; round < settings.rounds(); round++) {
            for (int turn = 0; turn < contenders.size(); turn++) {
                Contender contender = contenders.get((round + turn) % contenders.size());
                comparison.add(contender.name(), contender.perSecond(clients, settings.round()));
            }
        }
        for (Contender contender : contenders) {
            Benchmarks.log("%s, %s rounds: %s /s", label, contender.name(), comparison.rounds(contender.name()));
        }
        return comparison;
    }

    /** "0.93 met" or "**0.71 missed**" for a ratio that should be at least {@code goal}. */
    static String atLeast(double ratio, double goal) {
        return ratio >= goal ? "%.2f met".formatted(ratio) : "**%.2f missed**".formatted(ratio);
    }
}
