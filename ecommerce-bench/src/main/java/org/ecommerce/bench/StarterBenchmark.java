package org.ecommerce.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.ecommerce.schema.Engine;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Benchmark 7: placing a 3-line order through the Spring Boot starter against the plain library,
 * on the order data set and the same pool: (a) {@code Ecommerce.create(pool)}; (s) the starter's
 * auto-configured instance, observed into Micrometer, each order its own transaction; (t) the same
 * inside a Spring transaction, where the library joins it with a savepoint.
 */
final class StarterBenchmark {

    static final double GOAL = 0.97;

    private final BenchSettings settings;
    private final BenchDatabase db;
    private final AtomicLong seeds;

    StarterBenchmark(BenchSettings settings, BenchDatabase db, AtomicLong seeds) {
        this.settings = settings;
        this.db = db;
        this.seeds = seeds;
    }

    String run() throws Exception {
        Engine engine = db.engine();
        List<Comparison> comparisons = new ArrayList<>();
        warmUp();
        for (int clients : settings.clients()) {
            try (HikariDataSource pool = pool(clients);
                 SpringOrderPlacer starter = new SpringOrderPlacer(pool, false);
                 SpringOrderPlacer transactional = new SpringOrderPlacer(pool, true)) {
                comparisons.add(Turns.compare(engine.displayName() + " starter, " + clients + " clients", clients,
                        contenders(pool, starter, transactional), settings));
            }
        }
        StringBuilder t = new StringBuilder();
        t.append("### ").append(engine.displayName()).append(": place a 3-line order through the Spring Boot starter, orders/s, median (min–max) of ")
                .append(settings.rounds()).append(" rounds of ").append(settings.round().toSeconds()).append(" s")
                .append(engine == Engine.POSTGRESQL && !settings.starterSynchronousCommit() ? ", synchronous_commit off" : "")
                .append("\n\n");
        t.append("| clients | library (a) | starter (s) | starter in a Spring transaction (t) | s / a (goal ≥ ").append(GOAL)
                .append(") | t / a |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Comparison c : comparisons) {
            double a = c.median("library (a)");
            t.append("| ").append(c.clients()).append(" | ").append(c.summary("library (a)")).append(" | ")
                    .append(c.summary("starter (s)")).append(" | ").append(c.summary("starter in a Spring transaction (t)"))
                    .append(" | ").append(Turns.atLeast(c.median("starter (s)") / a, GOAL))
                    .append(" | ").append("%.2f".formatted(c.median("starter in a Spring transaction (t)") / a)).append(" |\n");
        }
        t.append('\n');
        try (HikariDataSource pool = pool(1);
             SpringOrderPlacer starter = new SpringOrderPlacer(pool, false);
             SpringOrderPlacer transactional = new SpringOrderPlacer(pool, true)) {
            Map<String, OrderPlacer> placers = new LinkedHashMap<>();
            placers.put("library (a)", new LibraryOrderPlacer(pool));
            placers.put("starter (s)", starter);
            placers.put("starter in a Spring transaction (t)", transactional);
            t.append(new CpuPerOrder(pool, placers, seeds::getAndIncrement).measure(
                    engine.displayName() + ": CPU time per 3-line order, one client on a pool of one",
                    settings.cpuBlocks(), settings.cpuOrdersPerBlock(), engine == Engine.POSTGRESQL));
        }
        return t.toString();
    }

    private List<Contender> contenders(HikariDataSource pool, SpringOrderPlacer starter, SpringOrderPlacer transactional) {
        return List.of(
                ClosedLoopContender.placingOrders("library (a)", new LibraryOrderPlacer(pool), seeds::getAndIncrement),
                ClosedLoopContender.placingOrders("starter (s)", starter, seeds::getAndIncrement),
                ClosedLoopContender.placingOrders("starter in a Spring transaction (t)", transactional, seeds::getAndIncrement));
    }

    /**
     * A pool on the benchmark database; with {@code bench.starter.synchronous-commit=off} on
     * PostgreSQL its transactions commit without waiting for the disk, so that the contenders'
     * own work is compared without the disk's latency, which varies by far more than they differ.
     */
    private HikariDataSource pool(int size) {
        boolean asynchronous = db.engine() == Engine.POSTGRESQL && !settings.starterSynchronousCommit();
        return db.pool(size, asynchronous ? "set synchronous_commit = off" : null);
    }

    /** Every path long enough for the JIT before the first measured round. */
    private void warmUp() throws Exception {
        int clients = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        try (HikariDataSource pool = pool(clients);
             SpringOrderPlacer starter = new SpringOrderPlacer(pool, false);
             SpringOrderPlacer transactional = new SpringOrderPlacer(pool, true)) {
            for (Contender contender : contenders(pool, starter, transactional)) {
                contender.perSecond(clients, settings.compilerWarmUp());
            }
        }
    }
}
