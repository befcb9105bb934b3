package org.ecommerce.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.RegisterCustomerWithoutPassword;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.schema.EcommerceSchema;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Benchmark 4, PostgreSQL: importing a CSV file of interactions with the library's import (what
 * {@code ecommerce import DIR} runs: read and check every row, then write them in one transaction
 * with COPY) against psql's {@code \copy} of the same file into the same table, and the same
 * interactions recorded through the Java bulk API ({@code interactions().recordAll}). All three go
 * through the score trigger. The customers and products they refer to are the order data set
 * of benchmarks 1 and 2, loaded once; before every run {@code interaction} and
 * {@code recommendation_score} are truncated and a checkpoint is taken, so each contender starts
 * from the same empty tables and clean buffers. Then, on the same database, customers and
 * products added with the bulk calls against one call each ({@link #registrations}).
 */
final class ImportBenchmark {

    private static final double GOAL_VS_PSQL = 0.5;
    private static final String LIBRARY = "library import (a)";
    private static final String PSQL = "psql \\copy (b)";
    private static final String BULK_API = "Java bulk API (c)";
    /** The Java bulk API's goal, in interactions per second. */
    private static final double BULK_API_GOAL = 50_000;
    private static final String COLUMNS = "id, customer_id, product_id, type_id, occurred_at";
    private static final long SEED = 20_251_122L;
    /** Interactions fall within 2025 (after the decay epoch of the migrations, 2025-01-01). */
    private static final long FROM_EPOCH_SECOND = 1_735_689_600L;
    private static final int SECONDS_IN_YEAR = 365 * 24 * 3600;

    private final BenchSettings settings;
    private final PostgresBenchDatabase db;
    private final PGSimpleDataSource dataSource;

    ImportBenchmark(BenchSettings settings, PostgresBenchDatabase db) {
        this.settings = settings;
        this.db = db;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.jdbcUrl());
    }

    /** One library run: seconds checking and seconds writing. */
    private record LibraryRun(double checkSeconds, double writeSeconds) {
        double seconds() {
            return checkSeconds + writeSeconds;
        }
    }

    String run() throws Exception {
        long start = System.nanoTime();
        EcommerceSchema.migrate(db.setupDataSource());
        OrderDataSet.load(db.setupDataSource());
        Benchmarks.log("import: order data set loaded in %.0f s", (System.nanoTime() - start) / 1e9);
        Path work = Files.createTempDirectory("ecommerce-bench-import");
        try {
            int rows = settings.importRows();
            int warmUpRows = settings.importWarmUpRows();
            Path full = interactionFile(work.resolve("full"), rows);
            Path warm = interactionFile(work.resolve("warm"), warmUpRows);
            List<InteractionEvent> events = interactionEvents(rows);
            Benchmarks.log("import: %d interactions written to %s (%d MB)", rows, full,
                    Files.size(full.resolve("interaction.csv")) >> 20);

            // warm-up: the JIT for the library, the server's caches for both
            if (warmUpRows > 0) {
                LibraryRun warmLibrary = library(warm, warmUpRows);
                double warmPsql = psql(warm, warmUpRows);
                double warmBulk = bulkApi(events.subList(0, warmUpRows));
                Benchmarks.log("import warm-up, %d rows: library %.0f rows/s (check %.1f s, write %.1f s), psql %.0f rows/s,"
                        + " bulk API %.0f rows/s", warmUpRows, warmUpRows / warmLibrary.seconds(), warmLibrary.checkSeconds(),
                        warmLibrary.writeSeconds(), warmUpRows / warmPsql, warmUpRows / warmBulk);
            }

            Comparison comparison = new Comparison(1);
            List<LibraryRun> libraryRuns = new ArrayList<>();
            long[] scores = null;
            for (int round = 0; round < settings.importRounds(); round++) {
                for (int turn = 0; turn < 3; turn++) {
                    int contender = (round + turn) % 3;
                    boolean libraryTurn = contender == 0;
                    double seconds;
                    if (contender == 2) {
                        seconds = bulkApi(events);
                        Benchmarks.log("import round %d, bulk API: %.1f s, %.0f rows/s", round + 1, seconds, rows / seconds);
                    } else if (libraryTurn) {
                        LibraryRun run = library(full, rows);
                        libraryRuns.add(run);
                        seconds = run.seconds();
                        Benchmarks.log("import round %d, library: %.1f s (check %.1f s, write %.1f s), %.0f rows/s",
                                round + 1, seconds, run.checkSeconds(), run.writeSeconds(), rows / seconds);
                    } else {
                        seconds = psql(full, rows);
                        Benchmarks.log("import round %d, psql: %.1f s, %.0f rows/s", round + 1, seconds, rows / seconds);
                    }
                    comparison.add(contender == 2 ? BULK_API : libraryTurn ? LIBRARY : PSQL, rows / seconds);
                    scores = sameResult(scores, rows);
                }
            }
            return table(comparison, libraryRuns, rows) + registrations();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A directory holding {@code interaction.csv} as {@code ecommerce export} writes it: ids 1..n,
     * random customers, products skewed towards the first ones, mostly views, times in 2025.
     * Deterministic: the same n gives the same file.
     */
    static Path interactionFile(Path directory, int rows) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("interaction.csv");
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\"id\",\"customer_id\",\"product_id\",\"type_id\",\"occurred_at\"\n");
            for (Drawn d : drawn(rows)) {
                out.write(d.id() + "," + d.customer() + "," + d.product() + "," + d.type() + ",\""
                        + iso.format(d.at().atOffset(ZoneOffset.UTC)) + "\"\n");
            }
        }
        return directory;
    }

    /** One interaction of the benchmark's deterministic stream; {@code type} is the migrations' type id. */
    private record Drawn(long id, long customer, long product, int type, Instant at) {
    }

    /** The first {@code rows} interactions of the deterministic stream that the file and the events both hold. */
    private static List<Drawn> drawn(int rows) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Drawn> drawn = new ArrayList<>(rows);
        for (int id = 1; id <= rows; id++) {
            long customer = 1 + random.nextInt(OrderDataSet.CUSTOMERS);
            double u = random.nextDouble();
            long product = 1 + (long) (OrderDataSet.PRODUCTS * u * u);
            int draw = random.nextInt(100);
            int type = draw < 60 ? 1 : draw < 85 ? 2 : draw < 95 ? 3 : draw < 99 ? 4 : 5;
            drawn.add(new Drawn(id, customer, product, type, Instant.ofEpochSecond(FROM_EPOCH_SECOND + random.nextInt(SECONDS_IN_YEAR))));
        }
        return drawn;
    }

    /** The same interactions as {@link #interactionFile}, as events for the bulk API (types by name, as a service gives them). */
    private List<InteractionEvent> interactionEvents(int rows) {
        Map<Integer, String> typeNames = new HashMap<>();
        Ecommerce.create(dataSource).interactions().types().forEach(t -> typeNames.put(t.id(), t.name()));
        return drawn(rows).stream()
                .map(d -> new InteractionEvent(d.customer(), d.product(), typeNames.get(d.type()), d.at())).toList();
    }

    /** Seconds {@code interactions().recordAll} takes for {@code events}, in one call (its own transaction). */
    private double bulkApi(List<InteractionEvent> events) throws SQLException {
        emptyTables();
        long start = System.nanoTime();
        long recorded = Ecommerce.create(dataSource).interactions().recordAll(events.iterator());
        long done = System.nanoTime();
        if (recorded != events.size()) {
            throw new IllegalStateException("the bulk API recorded " + recorded + ", not " + events.size() + " interactions");
        }
        return (done - start) / 1e9;
    }

    private static final String CUSTOMERS_IN_BULK = "customers: registerAllWithoutPassword (d)";
    private static final String CUSTOMERS_ONE_BY_ONE = "customers: registerWithoutPassword each (e)";
    private static final String PRODUCTS_IN_BULK = "products: addProducts (f)";
    private static final String PRODUCTS_ONE_BY_ONE = "products: addProduct each (g)";
    private static final int BULK_CUSTOMERS = 20_000;
    private static final int BULK_PRODUCTS = 20_000;
    /** Calls of the one-at-a-time methods per run: enough for a steady rate, and a run of seconds. */
    private static final int ONE_BY_ONE = 2_000;

    /**
     * Customers without a password and products added through the Java API, in one bulk call (its
     * own transaction) against one call each (each its own transaction), over a pool of one
     * connection, into the order data set; contenders take turns.
     */
    private String registrations() throws Exception {
        try (HikariDataSource pool = db.pool(1)) {
            Ecommerce shop = Ecommerce.create(pool);
            String run = Long.toString(System.nanoTime(), 36);
            long brand = shop.catalog().addBrand("Bulk benchmark brand " + run).id();
            long category = shop.catalog().addCategory("Bulk benchmark category " + run).id();
            Comparison c = new Comparison(1);
            for (int round = 0; round < settings.importRounds(); round++) {
                for (int turn = 0; turn < 4; turn++) {
                    // unique per run, and in base 36: a long run of digits in an email reads as a card number
                    String prefix = "bench-" + Long.toString(System.nanoTime(), 36) + "-";
                    long start = System.nanoTime();
                    switch ((round + turn) % 4) {
                        case 0 -> {
                            List<RegisterCustomerWithoutPassword> given = customers(prefix, BULK_CUSTOMERS);
                            start = System.nanoTime();
                            shop.customers().registerAllWithoutPassword(given);
                            c.add(CUSTOMERS_IN_BULK, BULK_CUSTOMERS / ((System.nanoTime() - start) / 1e9));
                        }
                        case 1 -> {
                            List<RegisterCustomerWithoutPassword> given = customers(prefix, ONE_BY_ONE);
                            start = System.nanoTime();
                            for (RegisterCustomerWithoutPassword r : given) {
                                shop.customers().registerWithoutPassword(r);
                            }
                            c.add(CUSTOMERS_ONE_BY_ONE, ONE_BY_ONE / ((System.nanoTime() - start) / 1e9));
                        }
                        case 2 -> {
                            List<NewProduct> given = products(prefix, brand, category, BULK_PRODUCTS);
                            start = System.nanoTime();
                            shop.catalog().addProducts(given);
                            c.add(PRODUCTS_IN_BULK, BULK_PRODUCTS / ((System.nanoTime() - start) / 1e9));
                        }
                        default -> {
                            List<NewProduct> given = products(prefix, brand, category, ONE_BY_ONE);
                            start = System.nanoTime();
                            for (NewProduct p : given) {
                                shop.catalog().addProduct(p);
                            }
                            c.add(PRODUCTS_ONE_BY_ONE, ONE_BY_ONE / ((System.nanoTime() - start) / 1e9));
                        }
                    }
                }
                Benchmarks.log("import round %d, rows/s so far: customers in bulk %s, one by one %s; products in bulk %s,"
                        + " one by one %s", round + 1, c.summary(CUSTOMERS_IN_BULK), c.summary(CUSTOMERS_ONE_BY_ONE),
                        c.summary(PRODUCTS_IN_BULK), c.summary(PRODUCTS_ONE_BY_ONE));
            }
            StringBuilder t = new StringBuilder();
            t.append("### PostgreSQL: customers and products through the Java API, rows/s, median (min–max) of ")
                    .append(settings.importRounds()).append(" rounds\n\n");
            t.append("Into the order data set; a bulk call of ").append(BULK_CUSTOMERS).append(" customers or ")
                    .append(BULK_PRODUCTS).append(" products against ").append(ONE_BY_ONE)
                    .append(" calls of one each, every call its own transaction, over a pool of one connection.\n\n");
            t.append("| customers in bulk (d) | customers one by one (e) | d / e | products in bulk (f) | products one by one (g) | f / g |\n");
            t.append("|---:|---:|---:|---:|---:|---:|\n");
            t.append("| ").append(c.summary(CUSTOMERS_IN_BULK)).append(" | ").append(c.summary(CUSTOMERS_ONE_BY_ONE))
                    .append(" | ").append("%.1f".formatted(c.median(CUSTOMERS_IN_BULK) / c.median(CUSTOMERS_ONE_BY_ONE)))
                    .append(" | ").append(c.summary(PRODUCTS_IN_BULK)).append(" | ").append(c.summary(PRODUCTS_ONE_BY_ONE))
                    .append(" | ").append("%.1f".formatted(c.median(PRODUCTS_IN_BULK) / c.median(PRODUCTS_ONE_BY_ONE)))
                    .append(" |\n\n");
            return t.toString();
        }
    }

    private static List<RegisterCustomerWithoutPassword> customers(String prefix, int count) {
        List<RegisterCustomerWithoutPassword> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            customers.add(new RegisterCustomerWithoutPassword(prefix + i + "@example.com", "Customer " + i, null,
                    Gender.UNDISCLOSED, null, Address.of(i + " Main St", "Leeds", "LS1 1AA", "GB")));
        }
        return customers;
    }

    private static List<NewProduct> products(String prefix, long brand, long category, int count) {
        List<NewProduct> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            products.add(new NewProduct(prefix + i, null, brand, category, new BigDecimal("9.99"), 100));
        }
        return products;
    }

    /** The library's import of {@code directory}, as the CLI runs it (less the migration and the empty-database check). */
    private LibraryRun library(Path directory, int rows) throws Exception {
        emptyTables();
        long start = System.nanoTime();
        ShopImport load = ShopImport.check(dataSource, directory);
        long checked = System.nanoTime();
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));
        long done = System.nanoTime();
        if (!load.problems().isEmpty()) {
            throw new IllegalStateException("the import refuses the benchmark's file: " + load.problems().stream().limit(5).toList());
        }
        if (written.get("interaction.csv") != rows) {
            throw new IllegalStateException("the import wrote " + written + ", not " + rows + " interactions");
        }
        return new LibraryRun((checked - start) / 1e9, (done - checked) / 1e9);
    }

    /** Seconds psql takes for {@code \copy} of the same file (the process's wall time: start-up and connection are milliseconds). */
    private double psql(Path directory, int rows) throws Exception {
        emptyTables();
        Path file = directory.resolve("interaction.csv").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy interaction(" + COLUMNS + ") FROM '" + file.toString().replace("'", "''") + "' CSV HEADER")
                .redirectErrorStream(true);
        builder.environment().putAll(db.libpqEnvironment());
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long done = System.nanoTime();
        if (exit != 0) {
            throw new IllegalStateException("psql \\copy failed (exit " + exit + "): " + output);
        }
        long count = count("SELECT count(*) FROM interaction");
        if (count != rows) {
            throw new IllegalStateException("psql \\copy loaded " + count + " interactions, not " + rows);
        }
        return (done - start) / 1e9;
    }

    /** Both contenders start from empty interaction and score tables, with the previous run's writes checkpointed. */
    private void emptyTables() throws SQLException {
        try (Connection c = db.setupDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE interaction, recommendation_score RESTART IDENTITY");
            s.execute("CHECKPOINT");
        }
    }

    /** Every run must leave the same interactions and scores (count and rounded sum); stops the benchmark if not. */
    private long[] sameResult(long[] previous, int rows) throws SQLException {
        long[] now;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM interaction), count(*), "
                     + "CAST(round(CAST(sum(score) AS NUMERIC), 3) * 1000 AS BIGINT) FROM recommendation_score")) {
            r.next();
            now = new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
        if (now[0] != rows || previous != null && !Arrays.equals(previous, now)) {
            throw new IllegalStateException("the runs differ: interactions, scores, score sum x 1000 "
                    + Arrays.toString(previous) + " then " + Arrays.toString(now));
        }
        return now;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String table(Comparison c, List<LibraryRun> libraryRuns, int rows) {
        double a = c.median(LIBRARY);
        double b = c.median(PSQL);
        double bulk = c.median(BULK_API);
        double[] check = libraryRuns.stream().mapToDouble(LibraryRun::checkSeconds).sorted().toArray();
        double[] write = libraryRuns.stream().mapToDouble(LibraryRun::writeSeconds).sorted().toArray();
        StringBuilder t = new StringBuilder();
        t.append("### PostgreSQL: import ").append(rows).append(" interactions from CSV, rows/s, median (min–max) of ")
                .append(settings.importRounds()).append(" rounds\n\n");
        t.append("Into the order data set (").append(OrderDataSet.CUSTOMERS).append(" customers, ")
                .append(OrderDataSet.PRODUCTS).append(" products); every row goes through the score trigger.\n\n");
        t.append("| rows | library import (a) | psql `\\copy` (b) | a / b (goal ≥ ").append(GOAL_VS_PSQL)
                .append(") | library: check s | library: write s | Java bulk API `recordAll` (c) | c (goal ≥ ")
                .append("%.0f".formatted(BULK_API_GOAL)).append(" rows/s) | c / b |\n");
        t.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        t.append("| ").append(rows).append(" | ").append(c.summary(LIBRARY)).append(" | ").append(c.summary(PSQL))
                .append(" | ").append(Turns.atLeast(a / b, GOAL_VS_PSQL)).append(" | ")
                .append("%.1f".formatted(check[check.length / 2])).append(" | ")
                .append("%.1f".formatted(write[write.length / 2])).append(" | ")
                .append(c.summary(BULK_API)).append(" | ").append(bulk >= BULK_API_GOAL ? "met" : "not met")
                .append(" | ").append("%.2f".formatted(bulk / b)).append(" |\n");
        return t.append('\n').toString();
    }
}
