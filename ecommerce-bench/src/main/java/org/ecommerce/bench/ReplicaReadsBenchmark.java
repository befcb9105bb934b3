package org.ecommerce.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.observation.OperationObserver;
import org.ecommerce.queries.AnalyticsQuery;
import org.ecommerce.queries.CustomersWithOpenBaskets;
import org.ecommerce.queries.CustomersWithOrders;
import org.ecommerce.queries.CustomersWithoutPurchase;
import org.ecommerce.queries.InteractionsByHourOfDay;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.queries.MostPopularProducts;
import org.ecommerce.queries.RevenuePerGenderPerCategory;
import org.ecommerce.queries.TopBrandsBySales;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.ecommerce.queries.TopSellersPerCategory;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;
import org.ecommerce.schema.EcommerceSchema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Reads on a replica (docs/SCALING.md): order throughput on the primary with 8 clients while one
 * client runs the thirteen analytics back to back (a) on the primary, (b) through
 * {@code Ecommerce.builder(primary).readReplica(replica)}, so on the hot standby, and (c) with no
 * analytics; the three take turns, round after round. During each round it samples the replica's
 * lag (the age of the last transaction it replayed, zero when it has replayed all it received).
 *
 * <p>It loads the analytics data set (benchmark 3, smaller by default) into a database of its own
 * on the primary, with every product's stock high enough for the whole run, and waits until the
 * standby has replayed it. The standby is the test suite's ({@code .ci/replica}, 127.0.0.1:5440).
 * Run on demand:
 * {@code ./mvnw -B -Preplica-reads -DskipTests -pl ecommerce-bench -am verify}.
 */
public final class ReplicaReadsBenchmark {

    private static final String DATABASE = "ecommerce_bench_replica";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final double GOAL_REPLICA_VS_NONE = 0.9;
    private static final List<AnalyticsQuery<?>> ANALYTICS = List.of(
            TopCustomersByExpenditure.top(10), TopCustomersByInteractions.top(10), CustomersWithoutPurchase.all(),
            MostPopularProducts.top(10), TopSellersPerCategory.top(3), InteractionsByHourOfDay.in(PARIS),
            LowStockProducts.below(200), TopBrandsBySales.top(10), RevenuePerGenderPerCategory.all(),
            CustomersWithOrders.all(), CustomersWithOpenBaskets.all(), TopSellersPerCategoryWithRevenue.top(3),
            MonthlySalesGrowth.in(PARIS));

    private final String primaryUrl = System.getProperty("bench.replica.primary.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private final String replicaUrl = System.getProperty("bench.replica.url",
            "jdbc:postgresql://127.0.0.1:5440/postgres?user=postgres");
    private final int clients = Integer.getInteger("bench.replica.clients", 8);
    private final int rounds = Integer.getInteger("bench.replica.rounds", 5);
    private final Duration round = Duration.ofSeconds(Integer.getInteger("bench.replica.round.seconds", 10));
    private final BenchSettings.AnalyticsSize size = new BenchSettings.AnalyticsSize(
            Integer.getInteger("bench.replica.customers", 100_000), 10_000,
            Integer.getInteger("bench.replica.orders", 200_000), Integer.getInteger("bench.replica.interactions", 1_000_000));
    private final Path output = Path.of(System.getProperty("bench.output", "target/replica-reads.md"));
    private final AtomicLong seeds = new AtomicLong(1);

    public static void main(String[] args) throws Exception {
        new ReplicaReadsBenchmark().run();
    }

    /** One way of running the analytics beside the orders: nowhere, on the primary, through the replica. */
    private enum Analytics {
        NONE("(c) no analytics"), PRIMARY("(a) analytics on the primary"), REPLICA("(b) analytics on the replica");

        final String label;

        Analytics(String label) {
            this.label = label;
        }
    }

    /** What one round of one way saw besides the orders. */
    private record Side(long analyticsPasses, long bypassed, List<Double> lagSeconds) {
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        try (PostgresBenchDatabase db = new PostgresBenchDatabase(primaryUrl, DATABASE)) {
            long loadStart = System.nanoTime();
            EcommerceSchema.migrate(db.setupDataSource());
            AnalyticsDataSet.load(db.setupDataSource(), size);
            try (Connection c = db.setupDataSource().getConnection(); Statement s = c.createStatement()) {
                // the orders of the whole run never find a product short
                s.execute("UPDATE product SET stock = " + OrderDataSet.STOCK_PER_PRODUCT);
                s.execute("VACUUM ANALYZE product");
            }
            Benchmarks.log("replica reads: data set loaded in %d s", Duration.ofNanos(System.nanoTime() - loadStart).toSeconds());
            try (HikariDataSource primary = db.pool(clients + 1);
                 HikariDataSource replica = pool(onReplica(db.jdbcUrl()), 2)) {
                LongAdder bypassed = new LongAdder();
                Ecommerce onPrimary = Ecommerce.create(primary);
                Ecommerce routed = Ecommerce.builder(primary).readReplica(replica).replicaMaxLag(Duration.ofSeconds(5))
                        .observedBy(countingBypasses(bypassed)).build();
                long caughtUp = System.nanoTime();
                routed.readYourWrites(shop -> LowStockProducts.below(1).fetch(shop));
                Benchmarks.log("replica reads: replica caught up in %.1f s", (System.nanoTime() - caughtUp) / 1e9);
                OrderPlacer placer = new LibraryOrderPlacer(primary);
                Map<Analytics, List<Double>> perSecond = new LinkedHashMap<>();
                Map<Analytics, List<Side>> sides = new LinkedHashMap<>();
                for (Analytics a : Analytics.values()) {
                    perSecond.put(a, new ArrayList<>());
                    sides.put(a, new ArrayList<>());
                }
                Analytics[] order = Analytics.values();
                for (int r = -1; r < rounds; r++) { // round -1 warms up each way, unrecorded
                    for (int turn = 0; turn < order.length; turn++) {
                        Analytics a = order[(Math.max(r, 0) + turn) % order.length];
                        Ecommerce reader = a == Analytics.PRIMARY ? onPrimary : a == Analytics.REPLICA ? routed : null;
                        long bypassedBefore = bypassed.sum();
                        List<Double> lag = new ArrayList<>();
                        AtomicLong passes = new AtomicLong();
                        Duration length = r < 0 ? Duration.ofSeconds(3) : round;
                        double rate = withBeside(reader, passes, replica, lag,
                                () -> ClosedLoopContender.placingOrders(a.label, placer, seeds::getAndIncrement)
                                        .perSecond(clients, length));
                        Benchmarks.log("replica reads, round %d, %s: %.0f orders/s, %d analytics passes, replica lag max %.2f s",
                                r, a.label, rate, passes.get(), lag.stream().mapToDouble(Double::doubleValue).max().orElse(0));
                        if (r >= 0) {
                            perSecond.get(a).add(rate);
                            sides.get(a).add(new Side(passes.get(), bypassed.sum() - bypassedBefore, lag));
                        }
                    }
                }
                String report = report(started, perSecond, sides);
                System.out.println();
                System.out.println(report);
                Files.createDirectories(output.toAbsolutePath().getParent());
                Files.writeString(output, report, StandardCharsets.UTF_8);
                System.out.println("(written to " + output.toAbsolutePath() + ")");
            }
        }
    }

    /** Something measured while the analytics run beside it. */
    private interface Measured {
        double run() throws Exception;
    }

    /**
     * Runs {@code measured} while one thread runs the analytics on {@code reader} back to back (none
     * if null) and another samples the replica's lag every 200 ms.
     */
    private static double withBeside(Ecommerce reader, AtomicLong passes, HikariDataSource replica, List<Double> lag,
                                     Measured measured) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        Thread analytics = Thread.ofPlatform().name("analytics").start(() -> {
            while (reader != null && !done.get()) {
                try {
                    for (AnalyticsQuery<?> query : ANALYTICS) {
                        try (Stream<?> rows = query.stream(reader)) { // holds its connection until closed
                            rows.forEach(row -> { });
                        }
                    }
                    passes.incrementAndGet();
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    return;
                }
            }
        });
        Thread sampler = Thread.ofPlatform().name("lag").start(() -> {
            try (Connection c = replica.getConnection(); Statement s = c.createStatement()) {
                while (!done.get()) {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                                        ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
                                   END AS lag""")) {
                        rs.next();
                        synchronized (lag) {
                            lag.add(rs.getDouble("lag"));
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (SQLException | InterruptedException e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        });
        try {
            return measured.run();
        } finally {
            done.set(true);
            analytics.join();
            sampler.join();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("beside the orders: " + failures.get(0), failures.get(0));
            }
        }
    }

    private String report(Instant started, Map<Analytics, List<Double>> perSecond, Map<Analytics, List<Side>> sides) {
        StringBuilder t = new StringBuilder();
        t.append("## Reads on a replica: measured ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        t.append("Primary ").append(primaryUrl.replaceAll("\\?.*", "")).append(", hot standby ")
                .append(replicaUrl.replaceAll("\\?.*", "")).append(" on the same machine (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores). Data set: ").append(size.customers()).append(" customers, ").append(size.products())
                .append(" products, ").append(size.orders()).append(" orders, ").append(size.interactions())
                .append(" interactions. ").append(clients).append(" clients place 3-line orders with the library on the primary; ")
                .append("one client runs the thirteen analytics back to back. ").append(rounds).append(" rounds of ")
                .append(round.toSeconds()).append(" s, the three ways taking turns.\n\n");
        t.append("| analytics | orders/s, median (min–max) | ratio to (c) | analytics passes per round | reads sent to the primary instead | replica lag, median / max |\n");
        t.append("|---|---|---|---|---|---|\n");
        double none = median(perSecond.get(Analytics.NONE));
        for (Analytics a : List.of(Analytics.PRIMARY, Analytics.REPLICA, Analytics.NONE)) {
            List<Double> rates = perSecond.get(a);
            double median = median(rates);
            List<Double> lags = sides.get(a).stream().flatMap(side -> side.lagSeconds().stream()).toList();
            double ratio = median / none;
            t.append("| ").append(a.label).append(" | ")
                    .append("%.0f (%.0f–%.0f)".formatted(median, min(rates), max(rates))).append(" | ")
                    .append(a == Analytics.NONE ? "1" : a == Analytics.REPLICA
                            ? Turns.atLeast(ratio, GOAL_REPLICA_VS_NONE) + " (goal ≥ " + GOAL_REPLICA_VS_NONE + ")"
                            : "%.2f".formatted(ratio)).append(" | ")
                    .append(a == Analytics.NONE ? "—" : "%.1f".formatted(sides.get(a).stream()
                            .mapToLong(Side::analyticsPasses).average().orElse(0))).append(" | ")
                    .append(a == Analytics.REPLICA ? Long.toString(sides.get(a).stream().mapToLong(Side::bypassed).sum()) : "—")
                    .append(" | ").append("%.2f s / %.2f s".formatted(median(lags), max(lags))).append(" |\n");
        }
        t.append("\nRounds, orders/s: ");
        perSecond.forEach((a, rates) -> t.append(a.label).append(' ')
                .append(Arrays.toString(rates.stream().mapToLong(Math::round).toArray())).append("; "));
        t.append("\n");
        return t.toString();
    }

    private static OperationObserver countingBypasses(LongAdder bypassed) {
        return (operation, engine) -> new OperationObserver.Observed() {
            @Override
            public void retried(Throwable cause) {
            }

            @Override
            public void readOnPrimaryInstead(String reason) {
                bypassed.increment();
            }

            @Override
            public void stop(Throwable failure) {
            }
        };
    }

    /** The bench database's URL with the replica's host and port. */
    private String onReplica(String primaryDatabaseUrl) {
        String authority = java.net.URI.create(replicaUrl.substring("jdbc:".length())).getRawAuthority();
        java.net.URI primary = java.net.URI.create(primaryDatabaseUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + authority + primary.getRawPath()
                + (primary.getRawQuery() == null ? "" : "?" + primary.getRawQuery());
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-replica");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
