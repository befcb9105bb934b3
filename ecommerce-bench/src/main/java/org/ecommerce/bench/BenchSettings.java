package org.ecommerce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What to run and for how long; from system properties, with the defaults of the published table. */
record BenchSettings(String postgresUrl, List<String> engines, List<Integer> clients, Duration compilerWarmUp, Duration warmUp,
                     Duration round, int rounds, Path output) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"),
                list(System.getProperty("bench.engines", "postgresql,h2")),
                list(System.getProperty("bench.clients", "1,8,32")).stream().map(Integer::valueOf).toList(),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.jit.warmup.seconds", "10"))),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.warmup.seconds", "3"))),
                Duration.ofSeconds(Long.parseLong(System.getProperty("bench.round.seconds", "4"))),
                Integer.parseInt(System.getProperty("bench.rounds", "3")),
                Path.of(System.getProperty("bench.output", "target/benchmarks.md")));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
