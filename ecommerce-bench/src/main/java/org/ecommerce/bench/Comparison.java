package org.ecommerce.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rounds of one comparison (one engine, one client count): operations per second per contender. */
final class Comparison {

    private final int clients;
    private final Map<String, List<Double>> rounds = new LinkedHashMap<>();

    Comparison(int clients) {
        this.clients = clients;
    }

    int clients() {
        return clients;
    }

    void add(String contender, double perSecond) {
        rounds.computeIfAbsent(contender, name -> new ArrayList<>()).add(perSecond);
    }

    double median(String contender) {
        double[] sorted = rounds.get(contender).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** "1234 (1100–1300)": the median and the range of the rounds. */
    String summary(String contender) {
        double[] sorted = rounds.get(contender).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return "%.0f (%.0f–%.0f)".formatted(median(contender), sorted[0], sorted[sorted.length - 1]);
    }

    /** Every round, in the order run, for the log. */
    String rounds(String contender) {
        return Arrays.toString(rounds.get(contender).stream().mapToLong(Math::round).toArray());
    }
}
