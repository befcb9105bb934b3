package org.ecommerce.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
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
import org.ecommerce.schema.Engine;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Benchmark 3, PostgreSQL: each of the thirteen analytics, the library's {@code fetch} (wall time,
 * typed rows included) against the identical SQL text ({@code sqlWithValues}) run by psql (its
 * {@code \timing}), with plain JDBC running that text as the floor of any JVM client; then the
 * latency of top-N recommendations and also-bought.
 */
final class AnalyticsBenchmark {

    /** Warm-up of each JVM contender per question: at most this many calls, and at most {@link #WARM_UP_NANOS}. */
    private static final int WARM_UP_CALLS = 10_000;
    /** Longest warm-up of each JVM contender per question. */
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final double GOAL_TIME_VS_PSQL = 1.1;
    private static final double GOAL_RECOMMENDATION_MILLIS = 20;
    private static final int RECOMMENDATIONS = 10;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** @param copied whether the library reads this result as a COPY stream (see {@code AnalyticsQuery.fetch}) */
    private record Question(String name, AnalyticsQuery<?> query, boolean copied) {

        Question(String name, AnalyticsQuery<?> query) {
            this(name, query, false);
        }
    }

    private static final List<Question> QUESTIONS = List.of(
            new Question("1 TopCustomersByExpenditure.top(10)", TopCustomersByExpenditure.top(10)),
            new Question("2 TopCustomersByInteractions.top(10)", TopCustomersByInteractions.top(10)),
            new Question("3 CustomersWithoutPurchase.all()", CustomersWithoutPurchase.all()),
            new Question("4 MostPopularProducts.top(10)", MostPopularProducts.top(10)),
            new Question("5 TopSellersPerCategory.top(3)", TopSellersPerCategory.top(3)),
            new Question("6 InteractionsByHourOfDay.in(Paris)", InteractionsByHourOfDay.in(PARIS)),
            new Question("7 LowStockProducts.below(200)", LowStockProducts.below(200)),
            new Question("8 TopBrandsBySales.top(10)", TopBrandsBySales.top(10)),
            new Question("9 RevenuePerGenderPerCategory.all()", RevenuePerGenderPerCategory.all()),
            new Question("10 CustomersWithOrders.all()", CustomersWithOrders.all(), true),
            new Question("11 CustomersWithOpenBaskets.all()", CustomersWithOpenBaskets.all()),
            new Question("12 TopSellersPerCategoryWithRevenue.top(3)", TopSellersPerCategoryWithRevenue.top(3)),
            new Question("13 MonthlySalesGrowth.in(Paris)", MonthlySalesGrowth.in(PARIS)));

    private final BenchSettings settings;
    private final PostgresBenchDatabase db;

    AnalyticsBenchmark(BenchSettings settings, PostgresBenchDatabase db) {
        this.settings = settings;
        this.db = db;
    }

    String run() throws Exception {
        BenchSettings.AnalyticsSize size = settings.analyticsSize();
        long start = System.nanoTime();
        boolean reused = AnalyticsDataSet.isLoaded(db.setupDataSource(), size);
        if (!reused && AnalyticsDataSet.hasTables(db.setupDataSource())) {
            // only a kept database can hold tables here (any other was created empty): one that
            // another run may be loading right now, or one of another size. Never dropped behind
            // someone's back (a concurrent run lost its load that way).
            throw new IllegalStateException("database " + settings.analyticsDatabase()
                    + " holds tables but no complete data set of the requested size; drop it"
                    + " (DROP DATABASE " + settings.analyticsDatabase() + ") or choose another"
                    + " -Dbench.analytics.database");
        }
        EcommerceSchema.migrate(db.setupDataSource());
        if (!reused) {
            AnalyticsDataSet.load(db.setupDataSource(), size);
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        StringBuilder t = new StringBuilder();
        try (HikariDataSource pool = db.pool(1)) {
            Ecommerce shop = Ecommerce.create(pool);
            double rebuildSeconds = 0;
            if (!reused || settings.rebuildAnalytics()) {
                start = System.nanoTime();
                var rebuild = shop.recommendations().rebuildAll();
                rebuildSeconds = (System.nanoTime() - start) / 1e9;
                AnalyticsDataSet.markLoaded(db.setupDataSource(), size);
                Benchmarks.log("analytics: loaded in %.0f s, rebuildAll in %.0f s: %s", loadSeconds, rebuildSeconds,
                        rebuild);
            } else {
                Benchmarks.log("analytics: reusing the data set kept in %s", settings.analyticsDatabase());
            }
            t.append("### PostgreSQL: the thirteen analytics, library vs psql, ms, median (min–max) of ")
                    .append(settings.analyticsRounds()).append(" rounds after a warm-up (psql: one run; library and JDBC: up to 10 000 calls or 3 s each);"
                            + " library and JDBC on one connection opened for the question, psql in a new session\n\n");
            t.append("Data set: ").append(size.customers()).append(" customers, ").append(size.products())
                    .append(" products, ").append(size.orders()).append(" orders, ").append(size.interactions())
                    .append(reused ? " interactions; kept from an earlier run (`-Dbench.analytics.keep=true`)"
                            : " interactions; generated in %.0f s".formatted(loadSeconds))
                    .append(rebuildSeconds > 0 ? ", `rebuildAll()` in %.0f s.\n\n".formatted(rebuildSeconds) : ".\n\n");
            t.append("| query | rows | library | JDBC, same text | psql | JDBC / psql | library / psql (goal ≤ ")
                    .append(GOAL_TIME_VS_PSQL).append(") | psql, second run in its session | library / that |")
                    .append(" library: MB allocated per call | library: MB its rows hold |\n");
            t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            PsqlRunner psql = new PsqlRunner(db.libpqEnvironment());
            for (Question question : QUESTIONS) {
                if (settings.analyticsQuestions().contains(question.name().split(" ")[0])) {
                    t.append(compare(question, psql));
                }
            }
            t.append('\n').append(recommendationLatencies(shop, size));
            t.append('\n').append(plans(pool));
        }
        return t.append('\n').toString();
    }

    /**
     * One question: a warm-up of each, then rounds in which library, JDBC and psql take turns.
     * Library and JDBC share a pool of one connection opened for this question alone: a PostgreSQL
     * session carries state from one query to the next. Measured with psql alone:
     * MostPopularProducts took 125–133 ms in a new session and 140–148 ms in a session that had run
     * TopCustomersByInteractions before it, and no longer than in a new one when that had run with
     * {@code jit = off} (a session that has JIT-compiled a query runs later ones slower). A pool
     * shared by all queries would charge that to the library alone. psql runs the text twice in
     * one session: the first run (a new session, as psql is used) is the goal's limit, the second (a
     * session that has run the question, as the pooled connection has) is reported beside it.
     */
    private String compare(Question question, PsqlRunner psql) throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            return compare(question, pool, psql);
        }
    }

    private String compare(Question question, HikariDataSource pool, PsqlRunner psql) throws Exception {
        String sql = question.query().sqlWithValues(Engine.POSTGRESQL);
        int rows = question.query().fetch(pool).size();
        // the JVM side warms up like a service that runs the query often: up to 10 000 more calls
        // or 3 s each, so that a 1 ms query is not timed before the JIT has compiled its path
        // (psql's side is native code). Measured on LowStockProducts (a loop of its own): a
        // library call took 0.51 ms (median) over its first 3 000 calls, 0.36 over the next 3 000,
        // 0.30 after 6 000
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int call = 0; call < WARM_UP_CALLS && System.nanoTime() < warmUpEnd; call++) {
            question.query().fetch(pool);
        }
        warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int call = 0; call < WARM_UP_CALLS && System.nanoTime() < warmUpEnd; call++) {
            jdbcMillis(sql, question.copied(), pool);
        }
        psql.millis(sql);
        double[] library = new double[settings.analyticsRounds()];
        double[] jdbc = new double[settings.analyticsRounds()];
        double[] limit = new double[settings.analyticsRounds()];
        double[] warmPsql = new double[settings.analyticsRounds()];
        for (int round = 0; round < library.length; round++) {
            // the contender that starts rotates from round to round
            for (int turn = 0; turn < 3; turn++) {
                switch ((round + turn) % 3) {
                    case 0 -> library[round] = libraryMillis(question, pool);
                    case 1 -> jdbc[round] = jdbcMillis(sql, question.copied(), pool);
                    default -> {
                        PsqlRunner.Runs runs = psql.millis(sql);
                        limit[round] = runs.first();
                        warmPsql[round] = runs.second();
                    }
                }
            }
        }
        double ratio = median(library) / median(limit);
        Benchmarks.log("analytics %s: library %s ms, JDBC %s ms, psql %s ms, psql's second run %s ms",
                question.name(), Arrays.toString(library), Arrays.toString(jdbc), Arrays.toString(limit),
                Arrays.toString(warmPsql));
        return "| %s | %d | %s | %s | %s | %.2f | %s | %s | %.2f | %s |\n".formatted(question.name(), rows,
                summary(library), summary(jdbc), summary(limit), median(jdbc) / median(limit),
                ratio <= GOAL_TIME_VS_PSQL ? "%.2f met".formatted(ratio) : "**%.2f missed**".formatted(ratio),
                summary(warmPsql), median(library) / median(warmPsql), memory(question, pool));
    }

    /**
     * What one library call costs the heap: the bytes it allocates on its thread (driver buffers
     * included), and what its rows still hold after a full collection. Measured in one more call
     * after the rounds, as the collections it needs would disturb them.
     */
    private static String memory(Question question, HikariDataSource pool) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        List<?> rows = question.query().fetch(pool);
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        System.gc();
        long held = heap.getHeapMemoryUsage().getUsed() - before;
        Reference.reachabilityFence(rows);
        return "%.1f | %.1f".formatted(allocated / 1e6, Math.max(held, 0) / 1e6);
    }

    /**
     * The floor of any JVM client: the same SQL text through plain JDBC, every
     * column of every row read with {@code getObject}, no typed rows; for the question the library
     * reads as a binary {@code COPY ... TO STDOUT} stream, that stream's rows read and not decoded.
     */
    private static double jdbcMillis(String sql, boolean copied, DataSource dataSource) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (copied) {
                CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (" + sql + ") TO STDOUT (FORMAT binary)");
                while (copy.readFromCopy() != null) {
                    // read, not decoded
                }
            } else {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(sql)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            rows.getObject(column);
                        }
                    }
                }
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double libraryMillis(Question question, DataSource dataSource) {
        long start = System.nanoTime();
        question.query().fetch(dataSource);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Median latency of single calls, after as many warm-up calls, random customers and products. */
    private String recommendationLatencies(Ecommerce shop, BenchSettings.AnalyticsSize size) {
        SplittableRandom random = new SplittableRandom(7);
        int samples = settings.latencySamples();
        double[] topFor = new double[samples];
        double[] alsoBought = new double[samples];
        for (int warm = 0; warm < samples; warm++) {
            shop.recommendations().topFor(1 + random.nextInt(size.customers()), RECOMMENDATIONS);
            shop.recommendations().alsoBought(1 + random.nextInt(size.products()), RECOMMENDATIONS);
        }
        for (int i = 0; i < samples; i++) {
            long customer = 1 + random.nextInt(size.customers());
            long product = 1 + random.nextInt(size.products());
            long start = System.nanoTime();
            shop.recommendations().topFor(customer, RECOMMENDATIONS);
            topFor[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            shop.recommendations().alsoBought(product, RECOMMENDATIONS);
            alsoBought[i] = (System.nanoTime() - start) / 1e6;
        }
        return "| call (n = " + RECOMMENDATIONS + ", " + samples + " random ids, after " + samples
                + " warm-up calls) | median ms | 95th percentile ms | goal < " + (int) GOAL_RECOMMENDATION_MILLIS
                + " ms |\n|---|---:|---:|---:|\n" + latencyRow("recommendations().topFor", topFor)
                + latencyRow("recommendations().alsoBought", alsoBought);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of what topFor and alsoBought run, for one customer and one product. */
    private static String plans(HikariDataSource pool) throws java.sql.SQLException {
        long id = 42;
        return "Plans at this size (customer " + id + ", product " + id + "):\n\n```\n-- topFor\n"
                + PlanExplainer.explain(pool, ds -> Ecommerce.create(ds).recommendations().topFor(id, RECOMMENDATIONS))
                + "-- alsoBought\n"
                + PlanExplainer.explain(pool, ds -> Ecommerce.create(ds).recommendations().alsoBought(id, RECOMMENDATIONS))
                + "```\n";
    }

    private static String latencyRow(String name, double[] millis) {
        double median = median(millis);
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        return "| %s | %.2f | %.2f | %s |\n".formatted(name, median, p95,
                median < GOAL_RECOMMENDATION_MILLIS ? "met" : "**missed**");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return "%.1f (%.1f–%.1f)".formatted(median(values), sorted[0], sorted[sorted.length - 1]);
    }
}
