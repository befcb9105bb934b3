package org.ecommerce.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

/**
 * The data set of benchmark 3, generated inside PostgreSQL with {@code INSERT ... SELECT FROM
 * generate_series} (no rows cross the wire). Deterministic: {@code setseed} fixes {@code random()}
 * and every statement runs serially in one session.
 *
 * <p>The rows are consistent by construction, so the load runs with
 * {@code session_replication_role = replica}, which skips triggers, foreign-key checks included:
 * orders get their totals from their lines in the same statement (what the totals trigger would
 * compute), stock is set directly, and the interaction trigger's scores are left to
 * {@code rebuildAll()}, which computes the same scores (the library documents both as equal up to
 * summation order). Firing the per-row score trigger 5 000 000 times would dominate the load.
 *
 * <ul>
 *   <li>{@code customers} customers (genders in turn, birthdays spread), each with a credit card;
 *       the last tenth never orders; every tenth has a basket of 2 lines;</li>
 *   <li>{@code products} products in 100 brands and 20 categories; every 50th has less than 200 in stock;</li>
 *   <li>{@code orders} orders over 2024–2025 with 1 to 3 lines, one product from each third of the catalogue;</li>
 *   <li>{@code interactions} interactions: a purchase per order line, the rest views, clicks,
 *       basket additions and reviews of products skewed towards low ids (popular products).</li>
 * </ul>
 * No returns, reviews or gift cards: the queries that read them see none.
 */
final class AnalyticsDataSet {

    private static final String PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";

    private AnalyticsDataSet() {
    }

    /** Loads the data set into a freshly migrated, empty PostgreSQL database. */
    static void load(DataSource dataSource, BenchSettings.AnalyticsSize size) throws SQLException {
        int customers = size.customers();
        int buyers = Math.max(1, customers - customers / 10);
        int third = Math.max(1, size.products() / 3);
        List<String> statements = List.of(
                "SET session_replication_role = replica",
                "SELECT setseed(0.42)",
                "INSERT INTO brand (id, name) SELECT i, 'Brand ' || i FROM generate_series(1, 100) i",
                "INSERT INTO category (id, name) SELECT i, 'Category ' || i FROM generate_series(1, 20) i",
                """
                INSERT INTO product (id, name, brand_id, category_id, price, stock)
                SELECT i, 'Product ' || i, 1 + i %% 100, 1 + i %% 20, 5 + (i * 7919) %% 200,
                       CASE WHEN i %% 50 = 0 THEN i %% 200 ELSE 100000000 END
                  FROM generate_series(1, %d) i""".formatted(size.products()),
                """
                INSERT INTO customer (id, email, name, birth_date, gender, address_street, address_city,
                                      address_postcode, address_country, password_hash, created_at)
                SELECT i, 'customer' || i || '@bench.example', 'Customer ' || i, DATE '1950-01-01' + (i * 37) %% 20000,
                       (ARRAY['female', 'male', 'non_binary', 'undisclosed'])[1 + i %% 4], i || ' Bench Street',
                       'London', lpad((i %% 100000)::text, 5, '0'), 'GB', '%s',
                       TIMESTAMPTZ '2023-01-01 00:00:00+00' + i * INTERVAL '1 minute'
                  FROM generate_series(1, %d) i""".formatted(PASSWORD_HASH, customers),
                """
                INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, processor_token)
                SELECT i, 'visa', 'Customer ' || i, lpad((i %% 10000)::text, 4, '0'), 'tok_bench_' || i
                  FROM generate_series(1, %d) i""".formatted(customers),
                """
                INSERT INTO payment_method (id, customer_id, kind, is_default, expires_on)
                SELECT i, i, 'credit_card', TRUE, DATE '2099-12-31' FROM generate_series(1, %d) i""".formatted(customers),
                """
                CREATE UNLOGGED TABLE bench_order AS
                SELECT o AS id, 1 + floor(random() * %d)::bigint AS customer_id,
                       TIMESTAMPTZ '2024-01-01 00:00:00+00' + random() * INTERVAL '730 days' AS placed_at
                  FROM generate_series(1, %d) o""".formatted(buyers, size.orders()),
                """
                CREATE UNLOGGED TABLE bench_line AS
                SELECT o.id AS order_id, (k - 1) * %d + 1 + floor(random() * %d)::bigint AS product_id,
                       1 + floor(random() * 3)::int AS quantity
                  FROM bench_order o CROSS JOIN generate_series(1, 3) k
                 WHERE k <= 1 + o.id %% 3""".formatted(third, third),
                """
                INSERT INTO orders (id, customer_id, payment_method_id, placed_at, total, grand_total)
                SELECT o.id, o.customer_id, o.customer_id, o.placed_at, t.total, t.total
                  FROM bench_order o
                  JOIN (SELECT l.order_id, SUM(l.quantity * p.price) AS total
                          FROM bench_line l JOIN product p ON p.id = l.product_id
                         GROUP BY l.order_id) t ON t.order_id = o.id""",
                """
                INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal)
                SELECT l.order_id, l.product_id, l.quantity, p.price, l.quantity * p.price
                  FROM bench_line l JOIN product p ON p.id = l.product_id""",
                // the months of the data set get their partitions first, as a load of history
                // should: rows of a month without one would wait in the default partition until
                // interaction_maintenance() moves them, a second write of every row
                """
                SELECT interaction_month_partition(m)
                  FROM generate_series(TIMESTAMPTZ '2024-01-01 00:00:00+00', TIMESTAMPTZ '2025-12-01 00:00:00+00',
                                       INTERVAL '1 month') m""",
                """
                INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)
                SELECT o.customer_id, l.product_id, 4, o.placed_at
                  FROM bench_line l JOIN bench_order o ON o.id = l.order_id
                 ORDER BY l.order_id, l.product_id
                 LIMIT %d""".formatted(size.interactions()),
                """
                INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)
                SELECT 1 + floor(random() * %d)::bigint, 1 + floor(%d * random() * random())::bigint,
                       (ARRAY[1, 1, 1, 1, 2, 2, 3, 5])[1 + floor(random() * 8)::int],
                       TIMESTAMPTZ '2024-01-01 00:00:00+00' + random() * INTERVAL '730 days'
                  FROM generate_series(1, %d - (SELECT COUNT(*) FROM interaction))""".formatted(customers,
                        size.products(), size.interactions()),
                """
                INSERT INTO basket (id, customer_id, created_at)
                SELECT i, i * 10, TIMESTAMPTZ '2025-12-01 00:00:00+00' FROM generate_series(1, %d) i""".formatted(
                        customers / 10),
                """
                INSERT INTO basket_line (basket_id, product_id, quantity)
                SELECT b, (k - 1) * %d + 1 + floor(random() * %d)::bigint, 1 + floor(random() * 3)::int
                  FROM generate_series(1, %d) b CROSS JOIN generate_series(1, 2) k""".formatted(third, third,
                        customers / 10),
                "DROP TABLE bench_line",
                "DROP TABLE bench_order",
                "RESET session_replication_role",
                "VACUUM ANALYZE");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                long start = System.nanoTime();
                s.execute(sql);
                Benchmarks.log("analytics data set: %.1f s for %s", (System.nanoTime() - start) / 1e9,
                        sql.strip().lines().findFirst().orElse(""));
            }
            // later inserts by the library must not collide with the generated ids
            for (String table : List.of("brand", "category", "product", "customer", "payment_method", "orders",
                    "interaction", "basket")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT MAX(id) FROM " + table
                        + "))");
            }
        }
    }

    /** Whether the database holds any table of its own (a kept one, complete or not). */
    static boolean hasTables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public')")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /**
     * Whether a kept database already holds this data set, completely: the marker is written only
     * after the load and the rebuild have both finished.
     */
    static boolean isLoaded(DataSource dataSource, BenchSettings.AnalyticsSize size) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (var table = s.executeQuery("SELECT to_regclass('bench_data_set') IS NOT NULL")) {
                if (!table.next() || !table.getBoolean(1)) {
                    return false;
                }
            }
            try (var rows = s.executeQuery("SELECT customers, products, orders, interactions FROM bench_data_set")) {
                return rows.next() && rows.getInt(1) == size.customers() && rows.getInt(2) == size.products()
                        && rows.getInt(3) == size.orders() && rows.getInt(4) == size.interactions();
            }
        }
    }

    /**
     * Vacuums what the rebuild wrote and checkpoints, then records that the data set of
     * {@code size} is complete (see {@link #isLoaded}).
     */
    static void markLoaded(DataSource dataSource, BenchSettings.AnalyticsSize size) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the rebuild wrote the derived tables after the load's VACUUM: without this their
            // visibility maps stay empty (index-only scans visit the heap) where autovacuum is off
            s.execute("VACUUM ANALYZE");
            // and the load's gigabytes of dirty pages written now, not by the checkpointer while
            // the first questions are timed
            s.execute("CHECKPOINT");
            s.execute("CREATE TABLE IF NOT EXISTS bench_data_set (customers int, products int, orders int,"
                    + " interactions int)");
            s.execute("DELETE FROM bench_data_set");
            s.execute("INSERT INTO bench_data_set VALUES (%d, %d, %d, %d)".formatted(size.customers(), size.products(),
                    size.orders(), size.interactions()));
        }
    }
}
