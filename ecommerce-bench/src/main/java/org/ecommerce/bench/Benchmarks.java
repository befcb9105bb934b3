package org.ecommerce.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The benchmarks of docs/BENCHMARKS.md, each suite selectable with {@code bench.suites}:
 * {@code orders} (1 and 2: placing a 3-line order with the library, with the hand-written JDBC
 * twin and, on PostgreSQL, with pgbench), {@code interactions} (5: {@link InteractionBenchmark})
 * {@code analytics} (3, PostgreSQL only: {@link AnalyticsBenchmark}), {@code import} (4, PostgreSQL
 * only: {@link ImportBenchmark}) and {@code starter} (7: the Spring Boot starter against the plain
 * library, {@link StarterBenchmark}). Contenders take turns
 * (see {@link Turns}) so that background noise hits all of them alike. Prints a Markdown report
 * and writes it to {@code bench.output}.
 *
 * <p>Run on demand: {@code ./mvnw -B -Pbench -DskipTests -pl ecommerce-bench -am verify}.
 */
public final class Benchmarks {

    private static final double POSTGRESQL_GOAL_VS_JDBC = 0.9;
    private static final double POSTGRESQL_GOAL_VS_PGBENCH = 0.6;
    private static final double H2_GOAL_VS_JDBC = 0.7;

    private final BenchSettings settings;
    /** Fresh seeds for every client of every run: deterministic, and no idempotency key repeats. */
    private final AtomicLong seeds = new AtomicLong(1);
    private final StringBuilder report = new StringBuilder();

    private Benchmarks(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new Benchmarks(BenchSettings.fromSystemProperties()).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder tables = new StringBuilder();
        List<String> versions = new ArrayList<>();
        boolean orderDataSet = settings.runs(BenchSettings.ORDERS) || settings.runs(BenchSettings.INTERACTIONS)
                || settings.runs(BenchSettings.STARTER);
        for (String engine : settings.engines()) {
            switch (engine) {
                case "postgresql" -> {
                    if (orderDataSet) {
                        try (PostgresBenchDatabase db = new PostgresBenchDatabase(settings.postgresUrl(),
                                PostgresBenchDatabase.ORDERS)) {
                            versions.add(postgresVersions(db));
                            tables.append(orderDataSetBenchmarks(db, new PgbenchContender(db)));
                        }
                    }
                    if (settings.runs(BenchSettings.ANALYTICS)) {
                        try (PostgresBenchDatabase db = new PostgresBenchDatabase(settings.postgresUrl(),
                                settings.analyticsDatabase(), settings.keepAnalyticsDatabase())) {
                            if (!orderDataSet) {
                                versions.add(postgresVersions(db));
                            }
                            tables.append(new AnalyticsBenchmark(settings, db).run());
                        }
                    }
                    if (settings.runs(BenchSettings.IMPORT)) {
                        try (PostgresBenchDatabase db = new PostgresBenchDatabase(settings.postgresUrl(),
                                PostgresBenchDatabase.IMPORT)) {
                            if (!orderDataSet && !settings.runs(BenchSettings.ANALYTICS)) {
                                versions.add(postgresVersions(db));
                            }
                            tables.append(new ImportBenchmark(settings, db).run());
                        }
                    }
                }
                case "h2" -> {
                    if (orderDataSet) {
                        try (H2BenchDatabase db = new H2BenchDatabase()) {
                            versions.add("H2 " + productVersion(db.setupDataSource()) + " (embedded, file"
                                    + (H2BenchDatabase.urlOptions().isEmpty() ? "" : ", URL options " + H2BenchDatabase.urlOptions()) + ")");
                            tables.append(orderDataSetBenchmarks(db, null));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown engine " + engine + " (postgresql, h2)");
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.append("## Benchmarks ").append(settings.suites()).append(": measured ")
                .append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        report.append(environment(versions, loadBefore, loadAfter)).append('\n');
        report.append(tables);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        Files.writeString(settings.output(), report, StandardCharsets.UTF_8);
        System.out.println("(written to " + settings.output().toAbsolutePath() + ")");
    }

    private static String postgresVersions(PostgresBenchDatabase db) throws Exception {
        return "PostgreSQL " + productVersion(db.setupDataSource()) + ", pgbench " + pgbenchVersion() + ", psql "
                + PsqlRunner.version() + ", PostgreSQL JDBC " + org.postgresql.util.DriverInfo.DRIVER_VERSION;
    }

    /** One engine, the order data set: benchmarks 1 or 2 (orders), then 5 (interactions), as selected. */
    private String orderDataSetBenchmarks(BenchDatabase db, Contender pgbench) throws Exception {
        long loadStart = System.nanoTime();
        EcommerceSchema.migrate(db.setupDataSource());
        OrderDataSet.load(db.setupDataSource());
        log("%s: schema migrated and data set loaded in %d s", db.engine().displayName(),
                Duration.ofNanos(System.nanoTime() - loadStart).toSeconds());
        StringBuilder tables = new StringBuilder();
        if (settings.runs(BenchSettings.ORDERS)) {
            tables.append(orderBenchmark(db, pgbench));
        }
        if (settings.runs(BenchSettings.INTERACTIONS)) {
            tables.append(new InteractionBenchmark(settings, db, seeds::getAndIncrement).run());
        }
        if (settings.runs(BenchSettings.STARTER)) {
            tables.append(new StarterBenchmark(settings, db, seeds).run());
        }
        return tables.toString();
    }

    /** One engine, data set loaded: prove the twin's statements, then compare at each client count. */
    private String orderBenchmark(BenchDatabase db, Contender pgbench) throws Exception {
        Engine engine = db.engine();
        checkSameStatements(db);

        warmUpCompiler(db);
        List<Comparison> comparisons = new ArrayList<>();
        for (int clients : settings.clients()) {
            try (HikariDataSource pool = db.pool(clients)) {
                List<Contender> contenders = new ArrayList<>(jvmContenders(pool, engine));
                if (pgbench != null) {
                    contenders.add(pgbench);
                }
                comparisons.add(Turns.compare(engine.displayName() + " orders, " + clients + " clients", clients,
                        contenders, settings));
            }
        }
        return table(engine, comparisons, pgbench != null);
    }

    /**
     * Before the first client count: both JVM paths run long enough for the JIT to compile them,
     * or the first (single-client) rounds would measure the interpreter, the library's longer
     * path most of all.
     */
    private void warmUpCompiler(BenchDatabase db) throws Exception {
        int clients = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        try (HikariDataSource pool = db.pool(clients)) {
            for (Contender contender : jvmContenders(pool, db.engine())) {
                double rate = contender.perSecond(clients, settings.compilerWarmUp());
                log("%s: compiler warm-up of %s, %d clients: %.0f orders/s", db.engine().displayName(),
                        contender.name(), clients, rate);
            }
        }
    }

    /** The library and its JDBC twin, sharing one pool. */
    private List<Contender> jvmContenders(HikariDataSource pool, Engine engine) {
        return List.of(
                ClosedLoopContender.placingOrders("library (a)", new LibraryOrderPlacer(pool), seeds::getAndIncrement),
                ClosedLoopContender.placingOrders("JDBC (b)", new JdbcOrderPlacer(pool, engine), seeds::getAndIncrement));
    }

    /**
     * Places one order with each placer through a {@link StatementRecorder}: the twin must send the
     * library's statements, in the library's order, with the same transaction calls.
     */
    private void checkSameStatements(BenchDatabase db) throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            List<String> library = new ArrayList<>();
            List<String> jdbc = new ArrayList<>();
            OrderPlacer libraryPlacer = new LibraryOrderPlacer(StatementRecorder.recording(pool, library));
            OrderPlacer jdbcPlacer = new JdbcOrderPlacer(StatementRecorder.recording(pool, jdbc), db.engine());
            library.clear(); // what creating the library sends once (its schema version check) is not an order's
            jdbc.clear();
            libraryPlacer.place(OrderRequest.next(new SplittableRandom(seeds.getAndIncrement())));
            jdbcPlacer.place(OrderRequest.next(new SplittableRandom(seeds.getAndIncrement())));
            if (!library.equals(jdbc)) {
                throw new IllegalStateException("the JDBC twin no longer issues the library's statements on "
                        + db.engine().displayName() + "; update OrderStatements.\nlibrary:\n  "
                        + String.join("\n  ", library) + "\nJDBC:\n  " + String.join("\n  ", jdbc));
            }
            log("%s: the JDBC twin issues the library's %d statements and transaction calls", db.engine().displayName(),
                    library.size());
        }
    }

    private String table(Engine engine, List<Comparison> comparisons, boolean withPgbench) {
        StringBuilder t = new StringBuilder();
        double goalVsJdbc = engine == Engine.POSTGRESQL ? POSTGRESQL_GOAL_VS_JDBC : H2_GOAL_VS_JDBC;
        t.append("### ").append(engine.displayName()).append(": place a 3-line order, orders/s, median (min–max) of ")
                .append(settings.rounds()).append(" rounds of ").append(settings.round().toSeconds()).append(" s\n\n");
        t.append("| clients | library (a) | JDBC (b) |").append(withPgbench ? " pgbench (c) |" : "")
                .append(" a / b (goal ≥ ").append(goalVsJdbc).append(") |")
                .append(withPgbench ? " a / c (goal ≥ " + POSTGRESQL_GOAL_VS_PGBENCH + ") |" : "").append('\n');
        t.append("|---:|---:|---:|").append(withPgbench ? "---:|" : "").append("---:|")
                .append(withPgbench ? "---:|" : "").append('\n');
        for (Comparison c : comparisons) {
            double library = c.median("library (a)");
            t.append("| ").append(c.clients()).append(" | ").append(c.summary("library (a)")).append(" | ")
                    .append(c.summary("JDBC (b)")).append(" |");
            if (withPgbench) {
                t.append(' ').append(c.summary("pgbench (c)")).append(" |");
            }
            t.append(' ').append(Turns.atLeast(library / c.median("JDBC (b)"), goalVsJdbc)).append(" |");
            if (withPgbench) {
                t.append(' ').append(Turns.atLeast(library / c.median("pgbench (c)"), POSTGRESQL_GOAL_VS_PGBENCH)).append(" |");
            }
            t.append('\n');
        }
        return t.append('\n').toString();
    }

    private String environment(List<String> versions, double loadBefore, double loadAfter) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return "- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + os.getTotalMemorySize() / (1L << 30) + " GiB memory, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; load average %.1f before, %.1f after\n".formatted(loadBefore,
                loadAfter)
                + "- JDK " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + "), JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList() + "\n"
                + "- jOOQ " + org.jooq.Constants.FULL_VERSION + ", " + String.join("; ", versions) + "\n"
                + "- order data set (benchmarks 1, 2, 4, 5): " + OrderDataSet.CUSTOMERS + " customers with one credit card each, "
                + OrderDataSet.PRODUCTS + " products (" + OrderDataSet.BRANDS + " brands, " + OrderDataSet.CATEGORIES
                + " categories), stock " + OrderDataSet.STOCK_PER_PRODUCT + " each\n"
                + "- order workload: 3 lines (one product from each third of the catalogue, quantity 1–"
                + OrderRequest.MAX_QUANTITY + "), a random customer, a fresh idempotency key; JIT warm-up "
                + settings.compilerWarmUp().toSeconds() + " s per JVM contender and engine, then a warm-up of "
                + settings.warmUp().toSeconds() + " s per contender and client count\n";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("CPU model unknown");
        } catch (IOException | RuntimeException e) {
            return "CPU model unknown";
        }
    }

    private static String productVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductVersion();
        }
    }

    private static String pgbenchVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return output.replaceFirst("^pgbench \\(PostgreSQL\\) ", "");
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + format.formatted(args));
    }
}
