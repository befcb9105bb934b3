package org.ecommerce.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ecommerce.dao.CommitOutcomeUnknownException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.InsufficientBalanceException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.schema.EcommerceSchema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The failover scenario of docs/BENCHMARKS.md (section 8): clients place gift-card orders with
 * idempotency keys through a pgjdbc multi-host URL while the primary of a streaming pair crashes
 * and its standby is promoted; every failed call is retried with the same key. Afterwards it
 * checks, on the new primary, that every acknowledged order exists exactly once with the number its
 * client was told, that stock and gift-card balances are conserved, and that no lost order's
 * number names another order; it reports the time from the crash to the first order accepted on
 * the new primary.
 *
 * <p>It drives a pair of clusters of its own ({@code ecommerce-bench/scripts/failover-pair.sh}),
 * never the test server. Run on demand:
 * {@code ./mvnw -B -Pfailover -DskipTests -pl ecommerce-bench -am verify -Dbench.failover.mode=sync}.
 */
public final class FailoverScenario {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/ecommerce_failover"
            + "?user=postgres&targetServerType=primary&connectTimeout=2&socketTimeout=20";
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5441/postgres?user=postgres";
    private static final int PRODUCTS = 20;
    private static final int STOCK = 1_000_000;
    private static final BigDecimal CARD = new BigDecimal("1000000.00");

    private final String mode;
    private final int clients;
    private final Duration before;
    private final Duration after;
    private final Duration standbyBehind;
    private final Path script;
    private final Path output;

    private FailoverScenario() {
        mode = System.getProperty("bench.failover.mode", "sync");
        clients = Integer.getInteger("bench.failover.clients", 16);
        before = Duration.ofMillis(Long.getLong("bench.failover.before.ms", 3000));
        after = Duration.ofMillis(Long.getLong("bench.failover.after.ms", 3000));
        standbyBehind = Duration.ofMillis(Long.getLong("bench.failover.standby.behind.ms", 0));
        script = Path.of(System.getProperty("bench.failover.script", "ecommerce-bench/scripts/failover-pair.sh"));
        output = Path.of(System.getProperty("bench.output", "ecommerce-bench/target/failover.md"));
    }

    public static void main(String[] args) throws Exception {
        new FailoverScenario().run();
    }

    /** What a client was told, and what it went through. */
    private record Acknowledged(long customerId, String key, long id, String number, BigDecimal grandTotal) {
    }

    private void run() throws Exception {
        if (!mode.equals("sync") && !mode.equals("async")) {
            throw new IllegalArgumentException("bench.failover.mode must be sync or async: " + mode);
        }
        if (mode.equals("sync") && !standbyBehind.isZero()) {
            throw new IllegalArgumentException("a synchronous standby cannot be held behind: every commit would wait");
        }
        pair("create", mode);
        try {
            report(scenario());
        } finally {
            pair("remove");
        }
    }

    private String scenario() throws Exception {
        try (Connection admin = DriverManager.getConnection(ADMIN); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE ecommerce_failover");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(clients);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            EcommerceSchema.migrate(pool);
            Ecommerce shop = Ecommerce.create(pool);
            List<Long> products = new ArrayList<>();
            long brand = shop.catalog().addBrand("Failover").id();
            long category = shop.catalog().addCategory("Failover", null).id();
            for (int i = 0; i < PRODUCTS; i++) {
                Product p = shop.catalog().addProduct(new NewProduct("Product " + i, null, brand, category,
                        new BigDecimal("1.00").add(BigDecimal.valueOf(i)), STOCK));
                products.add(p.id());
            }
            long[] customers = new long[clients];
            long[] cards = new long[clients];
            for (int c = 0; c < clients; c++) {
                Customer customer = shop.customers().register(new RegisterCustomer("buyer" + c + "@example.com", "Buyer " + c,
                        null, Gender.UNDISCLOSED, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), "failover password"));
                GiftCard card = shop.customers().addGiftCard(customer.id(), new NewGiftCard("GC-FAILOVER-" + c, CARD, null));
                customers[c] = customer.id();
                cards[c] = card.id();
            }
            waitForStandby();

            ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong crashedAt = new AtomicLong();
            AtomicLong firstAfterCrash = new AtomicLong();
            AtomicLong unknownOutcomes = new AtomicLong();
            AtomicLong otherTransient = new AtomicLong();
            AtomicLong retriesAnswered = new AtomicLong();
            CountDownLatch done = new CountDownLatch(clients);
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(client);
                    try {
                        for (int n = 0; !stop.get(); n++) {
                            String key = "client-" + client + "-" + n;
                            PlaceOrder request = PlaceOrder.of(customers[client], cards[client], key,
                                    new OrderItem(products.get(random.nextInt(PRODUCTS)), 1 + random.nextInt(3)));
                            boolean retried = false;
                            while (true) {
                                try {
                                    Order order = shop.orders().place(request);
                                    long crash = crashedAt.get();
                                    if (crash != 0) {
                                        firstAfterCrash.compareAndSet(0, System.nanoTime());
                                    }
                                    if (retried) {
                                        retriesAnswered.incrementAndGet();
                                    }
                                    acknowledged.add(new Acknowledged(customers[client], key, order.id(), order.number(),
                                            order.grandTotal()));
                                    break;
                                } catch (CommitOutcomeUnknownException e) {
                                    unknownOutcomes.incrementAndGet();
                                } catch (TransientDataAccessException e) {
                                    otherTransient.incrementAndGet();
                                } catch (OutOfStockException | InsufficientBalanceException e) {
                                    throw new IllegalStateException("the scenario's stock or balance ran out", e);
                                }
                                retried = true;
                                Thread.sleep(50);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                    return null;
                });
            }
            Thread.sleep(before.toMillis());
            if (!standbyBehind.isZero()) {
                standby("ALTER SYSTEM SET primary_conninfo = ''", "SELECT pg_reload_conf()");
                Thread.sleep(standbyBehind.toMillis());
            }
            long ordersBeforeCrash = acknowledged.size();
            pair("crash");
            crashedAt.set(System.nanoTime());
            pair("promote");
            long promotedAt = System.nanoTime();
            Thread.sleep(after.toMillis());
            stop.set(true);
            threads.shutdown();
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("clients did not finish within 120 s of the end");
            }
            return check(shop, pool, acknowledged, products, cards, ordersBeforeCrash, crashedAt.get(), promotedAt,
                    firstAfterCrash.get(), unknownOutcomes.get(), otherTransient.get(), retriesAnswered.get());
        }
    }

    private String check(Ecommerce shop, HikariDataSource pool, ConcurrentLinkedQueue<Acknowledged> acknowledged,
                         List<Long> products, long[] cards, long ordersBeforeCrash, long crashedAt, long promotedAt,
                         long firstAfterCrash, long unknown, long otherTransient, long retriesAnswered) throws SQLException {
        int lost = 0;
        int numberMismatch = 0;
        int idsReused = 0;
        int lostNumbersNamingAnOrder = 0;
        for (Acknowledged a : acknowledged) {
            var found = shop.orders().findByIdempotencyKey(a.customerId(), a.key());
            if (found.isEmpty()) {
                lost++;
                if (shop.orders().findByNumber(a.number()).isPresent()) {
                    lostNumbersNamingAnOrder++;
                }
                if (shop.orders().find(a.id()).isPresent()) {
                    idsReused++;
                }
            } else if (!found.get().number().equals(a.number()) || found.get().id() != a.id()) {
                numberMismatch++;
            }
        }
        long orders;
        long distinctKeys;
        Map<Long, Long> sold = new HashMap<>();
        Map<Long, Integer> stock = new HashMap<>();
        Map<Long, BigDecimal> spent = new HashMap<>();
        Map<Long, BigDecimal> balance = new HashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS orders, count(DISTINCT (customer_id, idempotency_key)) AS keys FROM orders")) {
                rs.next();
                orders = rs.getLong("orders");
                distinctKeys = rs.getLong("keys");
            }
            try (ResultSet rs = s.executeQuery("SELECT product_id, sum(quantity) AS sold FROM order_line GROUP BY product_id")) {
                while (rs.next()) {
                    sold.put(rs.getLong("product_id"), rs.getLong("sold"));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, stock FROM product")) {
                while (rs.next()) {
                    stock.put(rs.getLong("id"), rs.getInt("stock"));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT payment_method_id, sum(grand_total) AS spent FROM orders GROUP BY payment_method_id")) {
                while (rs.next()) {
                    spent.put(rs.getLong("payment_method_id"), rs.getBigDecimal("spent"));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT payment_method_id, balance FROM gift_card")) {
                while (rs.next()) {
                    balance.put(rs.getLong("payment_method_id"), rs.getBigDecimal("balance"));
                }
            }
        }
        int stockOff = 0;
        for (long p : products) {
            if (stock.get(p) + sold.getOrDefault(p, 0L) != STOCK) {
                stockOff++;
            }
        }
        int balanceOff = 0;
        for (long card : cards) {
            if (balance.get(card).add(spent.getOrDefault(card, BigDecimal.ZERO)).compareTo(CARD) != 0) {
                balanceOff++;
            }
        }
        String recovery = firstAfterCrash == 0 ? "none" : String.format(Locale.ROOT, "%.2f s", (firstAfterCrash - crashedAt) / 1e9);
        return String.format(Locale.ROOT, """
                | mode | standby held behind | clients | acknowledged (before the crash) | orders on the new primary | acknowledged orders lost | lost orders' ids now naming other orders | lost orders' numbers naming an order | number or id changed | duplicate keys | products with stock not conserved | gift cards with balance not conserved | commits of unknown outcome | other transient failures | retried requests answered | crash to promote | crash to first order |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                | %s | %d ms | %d | %d (%d) | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.2f s | %s |
                """, mode, standbyBehind.toMillis(), clients, acknowledged.size(), ordersBeforeCrash, orders, lost, idsReused,
                lostNumbersNamingAnOrder, numberMismatch, orders - distinctKeys, stockOff, balanceOff, unknown, otherTransient,
                retriesAnswered, (promotedAt - crashedAt) / 1e9, recovery);
    }

    private void waitForStandby() throws SQLException, InterruptedException {
        String target;
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(pg_current_wal_lsn() AS text) AS lsn")) {
            rs.next();
            target = rs.getString("lsn");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5442/postgres?user=postgres");
             PreparedStatement s = c.prepareStatement("SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn) AS replayed")) {
            s.setString(1, target);
            for (int i = 0; i < 600; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean("replayed")) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the standby did not catch up within 30 s");
    }

    private static void standby(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5442/postgres?user=postgres");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private void pair(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
    }

    private void report(String table) throws Exception {
        System.out.println(table);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, table, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
