package org.ecommerce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What to run and for how long; from system properties, with the defaults of the published table. */
record BenchSettings(String postgresUrl, List<String> suites, List<String> engines, List<Integer> clients,
                     Duration compilerWarmUp, Duration warmUp, Duration round, int rounds,
                     List<Integer> interactionClients, AnalyticsSize analyticsSize, int analyticsRounds,
                     int latencySamples, String analyticsDatabase, boolean keepAnalyticsDatabase,
                     boolean rebuildAnalytics,
                     List<String> analyticsQuestions,
                     int importRows, int importWarmUpRows, int importRounds,
                     int cpuBlocks, int cpuOrdersPerBlock, boolean starterSynchronousCommit,
                     Path output) {

    /** Orders (benchmarks 1 and 2), interactions (5), analytics (3), import (4). */
    static final String ORDERS = "orders";
    static final String INTERACTIONS = "interactions";
    static final String STARTER = "starter";
    static final String ANALYTICS = "analytics";
    static final String IMPORT = "import";

    /** Benchmark 3's data set; by default 100 000 / 10 000 / 1 000 000 / 5 000 000. */
    record AnalyticsSize(int customers, int products, int orders, int interactions) {
    }

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"),
                list(System.getProperty("bench.suites", ORDERS + "," + INTERACTIONS + "," + ANALYTICS + "," + IMPORT + "," + STARTER)),
                list(System.getProperty("bench.engines", "postgresql,h2")),
                integers(System.getProperty("bench.clients", "1,8,32")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.jit.warmup.seconds", "10"))),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup.seconds", "3"))),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.round.seconds", "4"))),
                Integer.parseInt(System.getProperty("bench.rounds", "3")),
                integers(System.getProperty("bench.interaction.clients", "1,8")),
                new AnalyticsSize(
                        Integer.parseInt(System.getProperty("bench.analytics.customers", "100000")),
                        Integer.parseInt(System.getProperty("bench.analytics.products", "10000")),
                        Integer.parseInt(System.getProperty("bench.analytics.orders", "1000000")),
                        Integer.parseInt(System.getProperty("bench.analytics.interactions", "5000000"))),
                Integer.parseInt(System.getProperty("bench.analytics.rounds", "21")),
                Integer.parseInt(System.getProperty("bench.latency.samples", "200")),
                System.getProperty("bench.analytics.database", PostgresBenchDatabase.ANALYTICS),
                Boolean.parseBoolean(System.getProperty("bench.analytics.keep", "false")),
                Boolean.parseBoolean(System.getProperty("bench.analytics.rebuild", "false")),
                list(System.getProperty("bench.analytics.questions", "1,2,3,4,5,6,7,8,9,10,11,12,13")),
                Integer.parseInt(System.getProperty("bench.import.rows", "1000000")),
                Integer.parseInt(System.getProperty("bench.import.warmup.rows", "100000")),
                Integer.parseInt(System.getProperty("bench.import.rounds", "3")),
                Integer.parseInt(System.getProperty("bench.cpu.blocks", "30")),
                Integer.parseInt(System.getProperty("bench.cpu.orders", "200")),
                !"off".equals(System.getProperty("bench.starter.synchronous-commit", "on")),
                Path.of(System.getProperty("bench.output", "target/benchmarks.md")));
    }

    boolean runs(String suite) {
        return suites.contains(suite);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> integers(String commaSeparated) {
        return list(commaSeparated).stream().map(Integer::valueOf).toList();
    }
}
