package org.ecommerce.cli.generate;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.cli.generate.SyntheticShop.Event;
import org.ecommerce.cli.generate.SyntheticShop.Order;
import org.ecommerce.cli.generate.SyntheticShop.OrderLine;
import org.ecommerce.cli.generate.SyntheticShop.Product;
import org.ecommerce.cli.generate.SyntheticShop.Review;
import org.ecommerce.cli.generate.SyntheticShop.Shopper;
import org.ecommerce.schema.Engine;

/**
 * Writes a {@link SyntheticShop#stream streamed} shop into an empty, migrated database with
 * plain batched INSERTs, so that every rule of the schema applies as for any other writer:
 * <ul>
 *   <li>an order is inserted with total 0 and its lines' trigger takes the stock and adds the
 *       subtotals; products therefore start with their final stock plus a reserve that the
 *       lines draw from, and get their final stock at the end;</li>
 *   <li>a return is inserted pending, gets its line, then is completed with an UPDATE (which
 *       restocks);</li>
 *   <li>reviews are written after the orders of the same batch (the review trigger checks the
 *       purchase) and interactions fire the score trigger.</li>
 * </ul>
 * Rows wait in JDBC batches and are committed every few thousand, so memory stays flat whatever
 * the number of orders. Ids are given explicitly (the database is empty) and the identity
 * columns are moved past them at the end.
 */
public final class GeneratedShopWriter {

    /**
     * A valid Argon2id PHC string that no password produces: generated customers cannot sign
     * in, and no clear password is ever stored.
     */
    static final String UNUSABLE_PASSWORD_HASH =
            "$argon2id$v=19$m=65536,t=3,p=1$Z2VuZXJhdGVkLXNhbHQtZm9yLWV2ZXJ5LWN1c3RvbWVy$Z2VuZXJhdGVkLWN1c3RvbWVyLWhhcy1uby1wYXNzd29yZC10by1sb2ctaW4";

    /** Units each product may sell beyond its final stock, far above what any generated shop sells. */
    private static final int STOCK_RESERVE = 1_000_000_000;
    private static final int ROWS_PER_COMMIT = 5_000;
    private static final int PRODUCTS_VACUUM_MIN_LINES = 2_000;
    private static final OffsetDateTime OPENED = OffsetDateTime.of(2023, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken",
        "Margaret", "Dennis", "Radia", "Tim", "Hedy", "Linus", "Karen", "Niklaus", "Sophie", "John", "Shafi", "Leslie"};
    private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
        "Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Lamarr", "Torvalds", "Jones", "Wirth", "Wilson"};
    private static final String[][] CITIES = {{"Leeds", "LS1 1AA", "GB"}, {"Lyon", "69001", "FR"}, {"Porto", "4000-001", "PT"},
        {"Berlin", "10115", "DE"}, {"Utrecht", "3511 AA", "NL"}, {"Dublin", "D01 F5P2", "IE"}, {"Turin", "10121", "IT"}};
    private static final String[] REVIEW_BODIES = {"Does not work as described.", "Disappointing.", "It is fine.",
        "Good value, would buy again.", "Excellent, exactly what I needed."};

    private final Connection connection;
    private final Engine engine;
    private final SyntheticShop.Size size;
    private final List<Batch> batches = new ArrayList<>();
    private final Batch customers;
    private final Batch paymentMethods;
    private final Batch creditCards;
    private final Batch orders;
    private final Batch orderLines;
    private final Batch returns;
    private final Batch returnLines;
    private final Batch returnsCompleted;
    private final Batch reviews;
    private final Batch interactions;
    private final Map<String, Short> interactionTypes = new HashMap<>();
    private final Map<String, Long> written = new LinkedHashMap<>();
    private BigDecimal[] prices;
    private long orderId;
    private long returnId;
    private long reviewId;
    private long interactionId;
    /** Order lines written since products were last vacuumed (PostgreSQL). */
    private long soldSinceVacuum;

    private GeneratedShopWriter(Connection connection, Engine engine, SyntheticShop.Size size) throws SQLException {
        this.connection = connection;
        this.engine = engine;
        this.size = size;
        customers = batch("customer", "INSERT INTO customer (id, email, name, gender, address_street, address_city, "
                + "address_postcode, address_country, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // batches go out in the order made: a card row before the payment method that refers to it
        creditCards = batch("credit_card", "INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, "
                + "processor_token) VALUES (?, ?, ?, ?, ?)");
        paymentMethods = batch("payment_method", "INSERT INTO payment_method (id, customer_id, kind, is_default, expires_on, "
                + "created_at) VALUES (?, ?, 'credit_card', TRUE, ?, ?)");
        orders = batch("orders", "INSERT INTO orders (id, customer_id, payment_method_id, placed_at, number) VALUES (?, ?, ?, ?, ?)");
        orderLines = batch("order_line", "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, ?, ?, ?)");
        returns = batch("order_return", "INSERT INTO order_return (id, order_id, ticket_number, status, started_on, due_on, "
                + "reason) VALUES (?, ?, ?, 'pending', ?, ?, ?)");
        returnLines = batch("return_line", "INSERT INTO return_line (return_id, order_id, product_id, quantity) "
                + "VALUES (?, ?, ?, ?)");
        returnsCompleted = batch(null, "UPDATE order_return SET status = 'completed', closed_at = ? WHERE id = ?");
        reviews = batch("review", "INSERT INTO review (id, customer_id, product_id, rating, body, reviewed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
        interactions = batch("interaction", "INSERT INTO interaction (id, customer_id, product_id, type_id, occurred_at) "
                + "VALUES (?, ?, ?, ?, ?)");
    }

    /**
     * Generates the shop of {@code size} with exactly {@code targets} orders and interactions
     * into {@code dataSource} (migrated, without shop data), reporting customers done to
     * {@code progress}.
     *
     * @return the rows written per table, in the order tables were first written
     */
    public static Map<String, Long> write(DataSource dataSource, Engine engine, SyntheticShop.Size size,
                                          SyntheticShop.Targets targets, Progress progress) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            GeneratedShopWriter writer = new GeneratedShopWriter(connection, engine, size);
            try {
                writer.catalogue();
                SQLException[] failure = {null};
                SyntheticShop.stream(size, targets, shopper -> {
                    if (failure[0] == null) {
                        try {
                            writer.shopper(shopper);
                            progress.step(1);
                        } catch (SQLException e) {
                            failure[0] = e;
                        }
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
                writer.flush();
                writer.finalStock();
                connection.commit();
            } finally {
                for (Batch batch : writer.batches) {
                    batch.statement.close();
                }
            }
            connection.setAutoCommit(true);
            writer.moveIdentitiesPastGeneratedIds();
            writer.analyze();
            return writer.written;
        }
    }

    private void catalogue() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM interaction_type")) {
            while (rs.next()) {
                interactionTypes.put(rs.getString(2), rs.getShort(1));
            }
        }
        Batch categories = batch("category", "INSERT INTO category (id, name) VALUES (?, ?)");
        for (int c = 0; c < size.categories(); c++) {
            categories.add(c + 1L, "Category " + (c + 1));
        }
        Batch brands = batch("brand", "INSERT INTO brand (id, name) VALUES (?, ?)");
        for (int b = 0; b < size.brands(); b++) {
            brands.add(b + 1L, "Brand " + (b + 1));
        }
        flush();
        Batch products = batch("product", "INSERT INTO product (id, name, brand_id, category_id, price, stock, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)");
        prices = new BigDecimal[size.products()];
        for (Product p : SyntheticShop.products(size)) {
            prices[p.index()] = price(p.index());
            products.add(p.index() + 1L, "Product " + (p.index() + 1) + " of brand " + (p.brand() + 1),
                    p.brand() + 1L, p.category() + 1L, prices[p.index()], STOCK_RESERVE + p.stock(), OPENED);
        }
        flush();
        batches.remove(categories);
        batches.remove(brands);
        batches.remove(products);
    }

    /** Prices spread over two orders of magnitude, most of them cheap. */
    private BigDecimal price(int product) {
        SplittableRandom random = new SplittableRandom(size.seed() * 131L + product);
        long cents = Math.round(Math.exp(Math.log(299) + random.nextDouble() * Math.log(300))) ;
        return BigDecimal.valueOf(cents / 100 * 100 + 99, 2);
    }

    private void shopper(Shopper shopper) throws SQLException {
        long customer = shopper.customer() + 1L;
        SplittableRandom random = new SplittableRandom(size.seed() * 17L + customer);
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String[] city = CITIES[random.nextInt(CITIES.length)];
        OffsetDateTime registered = OPENED.plusMinutes(random.nextInt(60 * 24 * 30));
        customers.add(customer, first.toLowerCase() + "." + customer + "@example.com", first + " " + last,
                random.nextInt(10) < 1 ? "undisclosed" : random.nextBoolean() ? "female" : "male",
                (1 + random.nextInt(200)) + " High Street", city[0], city[1], city[2], UNUSABLE_PASSWORD_HASH, registered);
        paymentMethods.add(customer, customer, LocalDate.of(2027 + random.nextInt(4), 1 + random.nextInt(12), 1), registered);
        creditCards.add(customer, random.nextBoolean() ? "visa" : "mastercard", first + " " + last,
                String.format("%04d", random.nextInt(10_000)), "tok_generated_" + customer);
        for (Order order : shopper.orders()) {
            long id = ++orderId;
            orders.add(id, customer, customer, utc(order.at()), orderNumber(id));
            for (OrderLine line : order.lines()) {
                BigDecimal price = prices[line.product()];
                soldSinceVacuum++;
                orderLines.add(id, line.product() + 1L, line.quantity(), price, price.multiply(BigDecimal.valueOf(line.quantity())));
            }
            if (order.returned() != null) {
                long ret = ++returnId;
                LocalDate started = order.returned().at().atOffset(ZoneOffset.UTC).toLocalDate();
                returns.add(ret, id, "RET-" + ret, started, started.plusDays(14), "Not what I expected");
                returnLines.add(ret, id, order.returned().product() + 1L, order.returned().quantity());
                returnsCompleted.add(utc(order.returned().at().plus(Duration.ofDays(5))), ret);
            }
        }
        for (Review review : shopper.reviews()) {
            reviews.add(++reviewId, customer, review.product() + 1L, review.rating(),
                    REVIEW_BODIES[review.rating() - 1], utc(review.at()));
        }
        for (Event event : shopper.events()) {
            interactions.add(++interactionId, customer, event.product() + 1L, interactionTypes.get(event.type()), utc(event.at()));
        }
        if (pendingRows() >= ROWS_PER_COMMIT) {
            flush();
            vacuumProductsNowAndThen();
        }
    }

    /**
     * Every order line takes stock with an UPDATE of its product's row, and that UPDATE cannot be
     * HOT (product_stock_idx indexes the stock): without VACUUM each sale leaves a dead row version
     * and an entry in each of the product's indexes, so the few product rows grow a heap and indexes
     * that every later sale and foreign-key check walks (PostgreSQL; measured with auto_explain,
     * 205 then 740 then 1 135 buffers per stock UPDATE over one run, with autovacuum off).
     * Vacuuming the small product table once as many lines have been sold as there are products
     * keeps it at its size for a cost linear in the lines. Runs between transactions.
     */
    private void vacuumProductsNowAndThen() throws SQLException {
        if (engine != Engine.POSTGRESQL || soldSinceVacuum < Math.max(PRODUCTS_VACUUM_MIN_LINES, size.products())) {
            return;
        }
        soldSinceVacuum = 0;
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM product");
        } finally {
            connection.setAutoCommit(false);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** Every product ends with the stock the generator gave it: sales came out of the reserve. */
    private void finalStock() throws SQLException {
        Batch stock = batch(null, "UPDATE product SET stock = ? WHERE id = ?");
        for (Product p : SyntheticShop.products(size)) {
            stock.add(p.stock(), p.index() + 1L);
        }
        flush();
    }

    private int pendingRows() {
        int pending = 0;
        for (Batch batch : batches) {
            pending += batch.pending;
        }
        return pending;
    }

    /** Runs every batch in the order the rules need (orders before their lines, returns, reviews) and commits. */
    private void flush() throws SQLException {
        for (Batch batch : batches) {
            batch.flush();
        }
        connection.commit();
    }

    private Batch batch(String table, String sql) throws SQLException {
        Batch batch = new Batch(table, connection.prepareStatement(sql));
        batches.add(batch);
        return batch;
    }

    /**
     * PostgreSQL: gives the planner statistics of the filled tables, so that the first queries
     * after a load (and any session's cached plans, which ANALYZE invalidates) do not plan for the
     * empty tables they were created as when autovacuum is off or has not run yet.
     */
    private void analyze() throws SQLException {
        if (engine == Engine.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    private void moveIdentitiesPastGeneratedIds() throws SQLException {
        for (String table : List.of("customer", "brand", "category", "product", "payment_method", "orders", "order_return",
                "review", "interaction")) {
            try (Statement s = connection.createStatement()) {
                long max;
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
                    rs.next();
                    max = rs.getLong(1);
                }
                if (max == 0) {
                    continue;
                }
                if (engine == Engine.POSTGRESQL) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + max + ")");
                } else if (table.equals("payment_method")) {
                    // its id comes from a sequence of its own: a card row takes it first
                    s.execute("ALTER SEQUENCE payment_method_id_seq RESTART WITH " + (max + 1));
                } else {
                    s.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + (max + 1));
                }
            }
        }
    }

    /** One statement's pending rows; a refusal by the database names the table. */
    private final class Batch {
        final String table;
        final PreparedStatement statement;
        int pending;

        Batch(String table, PreparedStatement statement) {
            this.table = table;
            this.statement = statement;
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            pending++;
            if (table != null) {
                written.merge(table, 1L, Long::sum);
            }
        }

        void flush() throws SQLException {
            if (pending == 0) {
                return;
            }
            pending = 0;
            try {
                statement.executeBatch();
            } catch (BatchUpdateException e) {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                throw new SQLException((table == null ? "order_return" : table) + ": the database refused a generated row: "
                        + cause.getMessage(), cause.getSQLState(), cause);
            }
        }
    }

    /**
     * The order's number in the shape the database draws ('ORD-' and 15 hexadecimal digits), drawn
     * from the seed instead, so that the same seed gives the same shop, numbers included.
     */
    private String orderNumber(long orderId) {
        long bits = new SplittableRandom(size.seed() * 7_919L + orderId).nextLong() >>> 4;
        return "ORD-%015X".formatted(bits);
    }
}
