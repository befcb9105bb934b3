package org.ecommerce.it.support;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop built with plain SQL only, for the tests of the rules the database enforces by itself.
 * Every value it creates is unique, so tests of one class may share a database.
 */
public final class PlainShop {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** A well-formed Argon2id PHC string: 24-byte salt, 36-byte hash (its content does not matter to the schema). */
    public static final String SOME_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";

    private final PlainSql sql;
    /** "" or a schema and a dot: what goes before each table name. */
    private final String schema;

    public PlainShop(PlainSql sql) {
        this(sql, "");
    }

    private PlainShop(PlainSql sql, String schema) {
        this.sql = sql;
        this.schema = schema;
    }

    /** The same shop writing schema-qualified names ({@code shop.product}), as a session in another schema must. */
    public PlainShop inSchema(String name) {
        return new PlainShop(sql, name + ".");
    }

    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    public long customer() throws SQLException {
        return customer(unique("buyer") + "@example.com");
    }

    public long customer(String email) throws SQLException {
        return customerWithHash(email, SOME_HASH);
    }

    public long customerWithHash(String email, String passwordHash) throws SQLException {
        return sql.insert("INSERT INTO " + schema + "customer (email, name, address_street, address_city, address_postcode, "
                + "address_country, password_hash) VALUES (?, 'Ada Buyer', '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)",
                email, passwordHash);
    }

    public long product(int stock, String price) throws SQLException {
        long brand = sql.insert("INSERT INTO " + schema + "brand (name) VALUES (?)", unique("Brand "));
        long category = sql.insert("INSERT INTO " + schema + "category (name) VALUES (?)", unique("Category "));
        return sql.insert("INSERT INTO " + schema + "product (name, brand_id, category_id, price, stock) VALUES (?, ?, ?, ?, ?)",
                unique("Product "), brand, category, new BigDecimal(price), stock);
    }

    /**
     * A payment method is written as the schema requires: its card row first, with an id taken from
     * {@code payment_method_id_seq}, then the method with the same id.
     */
    public long creditCard(long customer) throws SQLException {
        long method = nextPaymentMethodId();
        sql.update("INSERT INTO " + schema + "credit_card (payment_method_id, brand, holder_name, last_four, processor_token) "
                + "VALUES (?, 'visa', 'Ada Buyer', '4242', ?)", method, unique("tok_"));
        sql.update("INSERT INTO " + schema + "payment_method (id, customer_id, kind, expires_on) "
                + "VALUES (?, ?, 'credit_card', DATE '2031-01-31')", method, customer);
        return method;
    }

    public long giftCard(long customer, String amount) throws SQLException {
        long method = nextPaymentMethodId();
        sql.update("INSERT INTO " + schema + "gift_card (payment_method_id, serial, initial_amount, balance) VALUES (?, ?, ?, ?)",
                method, unique("GC-"), new BigDecimal(amount), new BigDecimal(amount));
        sql.update("INSERT INTO " + schema + "payment_method (id, customer_id, kind) VALUES (?, ?, 'gift_card')", method, customer);
        return method;
    }

    /** The id the next payment method takes (the same call on both engines). */
    public long nextPaymentMethodId() throws SQLException {
        return sql.longValue("SELECT nextval('" + schema + "payment_method_id_seq')");
    }

    /** An order with no lines yet (total 0). */
    public long order(long customer, long paymentMethod) throws SQLException {
        return sql.insert("INSERT INTO " + schema + "orders (customer_id, payment_method_id) VALUES (?, ?)", customer, paymentMethod);
    }

    public void line(long order, long product, int quantity, String unitPrice) throws SQLException {
        BigDecimal price = new BigDecimal(unitPrice);
        sql.update("INSERT INTO " + schema + "order_line (order_id, product_id, quantity, unit_price, subtotal) VALUES (?, ?, ?, ?, ?)",
                order, product, quantity, price, price.multiply(BigDecimal.valueOf(quantity)));
    }

    /** A customer who bought {@code quantity} of {@code product}; returns the order id. */
    public long purchase(long customer, long product, int quantity) throws SQLException {
        long order = order(customer, creditCard(customer));
        line(order, product, quantity, "10.00");
        return order;
    }

    public long delivery(long order) throws SQLException {
        return sql.insert("INSERT INTO " + schema + "delivery (order_id, tracking_number, address_street, address_city, "
                + "address_postcode, address_country) VALUES (?, ?, '1 Main St', 'Leeds', 'LS1 1AA', 'GB')",
                order, unique("TRK"));
    }

    public long orderReturn(long order) throws SQLException {
        return sql.insert("INSERT INTO " + schema + "order_return (order_id, ticket_number, started_on, due_on) "
                + "VALUES (?, ?, DATE '2026-11-01', DATE '2026-11-30')", order, unique("RT"));
    }

    public void returnLine(long orderReturn, long order, long product, int quantity) throws SQLException {
        sql.update("INSERT INTO " + schema + "return_line (return_id, order_id, product_id, quantity) VALUES (?, ?, ?, ?)",
                orderReturn, order, product, quantity);
    }

    public int stockOf(long product) throws SQLException {
        return (int) sql.longValue("SELECT stock FROM " + schema + "product WHERE id = ?", product);
    }
}
