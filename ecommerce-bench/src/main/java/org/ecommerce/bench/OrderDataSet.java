package org.ecommerce.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.SplittableRandom;

import javax.sql.DataSource;

/**
 * The catalogue and customers the order benchmarks buy from, loaded with plain batched SQL (the
 * library's registration hashes every password with Argon2id, far too slow for 100 000 customers).
 *
 * <p>Deterministic: ids are fixed (customer {@code n} pays with payment method {@code n}) and every
 * other value comes from a seeded generator. Prices are whole currency units and a pure function
 * of the product id ({@link #priceOf}), so that the pgbench script can compute the subtotals the
 * way the JVM clients compute them from the prices they read.
 */
final class OrderDataSet {

    static final int CUSTOMERS = 100_000;
    static final int PRODUCTS = 10_000;
    static final int BRANDS = 100;
    static final int CATEGORIES = 20;
    /** Ample: no order in any run can exhaust it. */
    static final int STOCK_PER_PRODUCT = 100_000_000;

    /** A valid PHC string; nobody logs in during a benchmark. */
    private static final String PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
    private static final String[] CITIES = {"London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Dublin", "Oslo"};
    private static final String[] COUNTRIES = {"GB", "FR", "DE", "ES", "IT", "AT", "IE", "NO"};
    private static final long SEED = 20_240_601L;
    private static final int BATCH = 1_000;

    private OrderDataSet() {
    }

    /** The price of a product, in whole units. Mirrored by the pgbench script: keep both in step. */
    static long priceOf(long productId) {
        return 5 + (productId * 7919) % 200;
    }

    /** The same formula in pgbench's expression language, for the product in variable {@code var}. */
    static String pgbenchPriceOf(String var) {
        return "5 + (:" + var + " * 7919) % 200";
    }

    /** Loads the data set into a freshly migrated, empty database. */
    static void load(DataSource dataSource) throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            loadCatalogue(c);
            loadCustomers(c, random);
            // the benchmarks insert no rows into these tables, but the library may: keep identities past our ids
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE brand ALTER COLUMN id RESTART WITH " + (BRANDS + 1));
                s.execute("ALTER TABLE category ALTER COLUMN id RESTART WITH " + (CATEGORIES + 1));
                s.execute("ALTER TABLE product ALTER COLUMN id RESTART WITH " + (PRODUCTS + 1));
                s.execute("ALTER TABLE customer ALTER COLUMN id RESTART WITH " + (CUSTOMERS + 1));
                s.execute("ALTER SEQUENCE payment_method_id_seq RESTART WITH " + (CUSTOMERS + 1));
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE"); // fresh statistics, or the planner guesses on 100 000 rows
            }
        }
    }

    private static void loadCatalogue(Connection c) throws SQLException {
        try (PreparedStatement brand = c.prepareStatement("INSERT INTO brand (id, name) VALUES (?, ?)");
             PreparedStatement category = c.prepareStatement("INSERT INTO category (id, name) VALUES (?, ?)")) {
            for (int id = 1; id <= BRANDS; id++) {
                brand.setLong(1, id);
                brand.setString(2, "Brand %03d".formatted(id));
                brand.addBatch();
            }
            brand.executeBatch();
            for (int id = 1; id <= CATEGORIES; id++) {
                category.setLong(1, id);
                category.setString(2, "Category %02d".formatted(id));
                category.addBatch();
            }
            category.executeBatch();
        }
        try (PreparedStatement product = c.prepareStatement(
                "INSERT INTO product (id, name, brand_id, category_id, price, stock) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= PRODUCTS; id++) {
                product.setLong(1, id);
                product.setString(2, "Product %05d".formatted(id));
                product.setLong(3, id % BRANDS + 1);
                product.setLong(4, id % CATEGORIES + 1);
                product.setBigDecimal(5, java.math.BigDecimal.valueOf(priceOf(id)));
                product.setInt(6, STOCK_PER_PRODUCT);
                product.addBatch();
                if (id % BATCH == 0) {
                    product.executeBatch();
                }
            }
            product.executeBatch();
        }
    }

    private static void loadCustomers(Connection c, SplittableRandom random) throws SQLException {
        try (PreparedStatement customer = c.prepareStatement("""
                INSERT INTO customer (id, email, name, address_building, address_street, address_city,
                                      address_region, address_postcode, address_country, password_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement method = c.prepareStatement("""
                INSERT INTO payment_method (id, customer_id, kind, is_default, expires_on)
                VALUES (?, ?, 'credit_card', TRUE, ?)""");
             PreparedStatement card = c.prepareStatement("""
                INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, processor_token)
                VALUES (?, ?, ?, ?, ?)""")) {
            java.sql.Date farFuture = java.sql.Date.valueOf(LocalDate.of(2099, 12, 31));
            for (int id = 1; id <= CUSTOMERS; id++) {
                int place = random.nextInt(CITIES.length);
                String name = "Customer %06d".formatted(id);
                customer.setLong(1, id);
                customer.setString(2, "customer%06d@bench.example".formatted(id));
                customer.setString(3, name);
                // building and region are never null: the pgbench script copies them through variables
                customer.setString(4, Integer.toString(1 + random.nextInt(200)));
                customer.setString(5, (1 + random.nextInt(999)) + " Bench Street");
                customer.setString(6, CITIES[place]);
                customer.setString(7, "Region " + (1 + random.nextInt(20)));
                customer.setString(8, "%05d".formatted(random.nextInt(100_000)));
                customer.setString(9, COUNTRIES[place]);
                customer.setString(10, PASSWORD_HASH);
                customer.addBatch();
                method.setLong(1, id);
                method.setLong(2, id);
                method.setDate(3, farFuture);
                method.addBatch();
                card.setLong(1, id);
                card.setString(2, random.nextBoolean() ? "visa" : "mastercard");
                card.setString(3, name);
                card.setString(4, "%04d".formatted(random.nextInt(10_000)));
                card.setString(5, "tok_bench_" + id);
                card.addBatch();
                if (id % BATCH == 0) {
                    customer.executeBatch();
                    card.executeBatch(); // before the payment methods, which refer to their cards
                    method.executeBatch();
                }
            }
            customer.executeBatch();
            card.executeBatch();
            method.executeBatch();
        }
    }
}
