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
 * Benchmarks 1 and 2 of docs/BENCHMARKS.md: placing a 3-line order with the library, with the
 * hand-written JDBC twin and (PostgreSQL) with pgbench, at each client count: a warm-up of every
 * contender, then rounds in which the contenders take turns (the starting one rotates), so that
 * background noise hits all of them alike. Prints a Markdown report and writes it to
 * {@code bench.output}.
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
        for (String engine : settings.engines()) {
            switch (engine) {
                case "postgresql" -> {
                    try (PostgresBenchDatabase db = new PostgresBenchDatabase(settings.postgresUrl())) {
                        versions.add("PostgreSQL " + productVersion(db.setupDataSource()) + ", pgbench "
                                + pgbenchVersion() + ", PostgreSQL JDBC " + org.postgresql.util.DriverInfo.DRIVER_VERSION);
                        tables.append(orderBenchmark(db, new PgbenchContender(db)));
                    }
                }
                case "h2" -> {
                    try (H2BenchDatabase db = new H2BenchDatabase()) {
                        versions.add("H2 " + productVersion(db.setupDataSource()) + " (embedded, file)");
                        tables.append(orderBenchmark(db, null));
                    }
                }
                default -> throw new IllegalArgumentException("unknown engine " + engine + " (postgresql, h2)");
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.append("## Order placement: measured ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        report.append(environment(versions, loadBefore, loadAfter)).append('\n');
        report.append(tables);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        Files.writeString(settings.output(), report, StandardCharsets.UTF_8);
        System.out.println("(written to " + settings.output().toAbsolutePath() + ")");
    }

    /** One engine: set up the data set, prove the twin's statements, then compare at each client count. */
    private String orderBenchmark(BenchDatabase db, Contender pgbench) throws Exception {
        Engine engine = db.engine();
        long loadStart = System.nanoTime();
        EcommerceSchema.migrate(db.setupDataSource());
        OrderDataSet.load(db.setupDataSource());
        log("%s: schema migrated and data set loaded in %d s", engine.displayName(),
                Duration.ofNanos(System.nanoTime() - loadStart).toSeconds());
        checkSameStatements(db);

        warmUpCompiler(db);
        List<Comparison> comparisons = new ArrayList<>();
        for (int clients : settings.clients()) {
            try (HikariDataSource pool = db.pool(clients)) {
                List<Contender> contenders = new ArrayList<>(jvmContenders(pool, engine));
                if (pgbench != null) {
                    contenders.add(pgbench);
                }
                comparisons.add(compare(engine, clients, contenders));
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
                double rate = contender.ordersPerSecond(clients, settings.compilerWarmUp());
                log("%s: compiler warm-up of %s, %d clients: %.0f orders/s", db.engine().displayName(),
                        contender.name(), clients, rate);
            }
        }
    }

    /** The library and its JDBC twin, sharing one pool. */
    private List<Contender> jvmContenders(HikariDataSource pool, Engine engine) {
        return List.of(
                new ClosedLoopContender("library (a)", new LibraryOrderPlacer(pool), seeds::getAndIncrement),
                new ClosedLoopContender("JDBC (b)", new JdbcOrderPlacer(pool, engine), seeds::getAndIncrement));
    }

    private Comparison compare(Engine engine, int clients, List<Contender> contenders) throws Exception {
        for (Contender contender : contenders) {
            double warm = contender.ordersPerSecond(clients, settings.warmUp());
            log("%s, %d clients, warm-up %s: %.0f orders/s", engine.displayName(), clients, contender.name(), warm);
        }
        Comparison comparison = new Comparison(clients);
        for (int round = 0; round < settings.rounds(); round++) {
            for (int turn = 0; turn < contenders.size(); turn++) {
                Contender contender = contenders.get((round + turn) % contenders.size());
                comparison.add(contender.name(), contender.ordersPerSecond(clients, settings.round()));
            }
        }
        for (Contender contender : contenders) {
            log("%s, %d clients, %s rounds: %s orders/s", engine.displayName(), clients, contender.name(),
                    comparison.rounds(contender.name()));
        }
        return comparison;
    }

    /**
     * Places one order with each placer through a {@link StatementRecorder}: the twin must send the
     * library's statements, in the library's order, with the same transaction calls.
     */
    private void checkSameStatements(BenchDatabase db) throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            List<String> library = new ArrayList<>();
            List<String> jdbc = new ArrayList<>();
            new LibraryOrderPlacer(StatementRecorder.recording(pool, library))
                    .place(OrderRequest.next(new SplittableRandom(seeds.getAndIncrement())));
            new JdbcOrderPlacer(StatementRecorder.recording(pool, jdbc), db.engine())
                    .place(OrderRequest.next(new SplittableRandom(seeds.getAndIncrement())));
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
            t.append(' ').append(ratio(library / c.median("JDBC (b)"), goalVsJdbc)).append(" |");
            if (withPgbench) {
                t.append(' ').append(ratio(library / c.median("pgbench (c)"), POSTGRESQL_GOAL_VS_PGBENCH)).append(" |");
            }
            t.append('\n');
        }
        return t.append('\n').toString();
    }

    private static String ratio(double ratio, double goal) {
        return ratio >= goal ? "%.2f met".formatted(ratio) : "**%.2f missed**".formatted(ratio);
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
                + "- data set: " + OrderDataSet.CUSTOMERS + " customers with one credit card each, "
                + OrderDataSet.PRODUCTS + " products (" + OrderDataSet.BRANDS + " brands, " + OrderDataSet.CATEGORIES
                + " categories), stock " + OrderDataSet.STOCK_PER_PRODUCT + " each\n"
                + "- workload: 3 lines (one product from each third of the catalogue, quantity 1–"
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

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + format.formatted(args));
    }
}
