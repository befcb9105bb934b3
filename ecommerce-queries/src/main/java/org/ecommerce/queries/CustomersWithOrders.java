package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * Question 10: every customer with their orders and the products of each order; customers who
 * never ordered are included with no orders.
 *
 * <p>What the seed concatenated into a string is a typed value here: a list of {@link Order}s per
 * customer and a list of {@link Line}s per order. Order: customers by id (registration order),
 * each customer's orders newest first (then by number, descending), each order's lines by
 * product id. That order is the one of the primary keys and of the index
 * {@code orders_customer_placed_idx (customer_id, placed_at DESC, id DESC)}, so rows stream one
 * customer at a time without sorting the orders: use {@link #stream} or {@link #page} for large
 * customer bases.
 */
public final class CustomersWithOrders extends AnalyticsQuery<CustomersWithOrders.Row> {

    /**
     * A customer and everything they ordered.
     *
     * @param customerId the customer
     * @param name       their name
     * @param email      their email
     * @param orders     their orders, newest first; empty if they never ordered
     */
    public record Row(long customerId, String name, String email, List<Order> orders) {

        /** Makes the list immutable. */
        public Row {
            orders = List.copyOf(orders);
        }
    }

    /**
     * One order.
     *
     * @param number     the order number
     * @param placedAt   when it was placed
     * @param total      the sum of its lines' subtotals, scale 2
     * @param deduction  the discount applied, scale 2, or null if none
     * @param grandTotal what was charged, scale 2
     * @param lines      what was bought, by product id
     */
    public record Order(long number, Instant placedAt, BigDecimal total, BigDecimal deduction, BigDecimal grandTotal,
                        List<Line> lines) {

        /** Makes the list immutable. */
        public Order {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One product of an order.
     *
     * @param productId   the product
     * @param productName its current name
     * @param quantity    units bought
     * @param unitPrice   the price paid per unit, scale 2
     * @param subtotal    quantity × unit price, scale 2
     */
    public record Line(long productId, String productName, int quantity, BigDecimal unitPrice, BigDecimal subtotal) {
    }

    /** Null for every customer. */
    private final PageRequest page;

    private CustomersWithOrders(PageRequest page) {
        this.page = page;
    }

    /** Every customer. */
    public static CustomersWithOrders all() {
        return new CustomersWithOrders(null);
    }

    /** One page of customers (in customer id order), each with all their orders. */
    public static CustomersWithOrders page(PageRequest page) {
        return new CustomersWithOrders(Validation.required("page", page));
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        Table<?> customer = page == null ? CUSTOMER.as("c")
                : select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.EMAIL).from(CUSTOMER).orderBy(CUSTOMER.ID)
                        .limit(page.size()).offset(page.offset()).asTable("c");
        var customerId = customer.field(CUSTOMER.ID);
        return dsl.select(customerId.as("customer_id"), customer.field(CUSTOMER.NAME), customer.field(CUSTOMER.EMAIL),
                        ORDERS.ID.as("order_number"), ORDERS.PLACED_AT, ORDERS.TOTAL, ORDERS.DEDUCTION, ORDERS.GRAND_TOTAL,
                        ORDER_LINE.PRODUCT_ID, PRODUCT.NAME.as("product_name"), ORDER_LINE.QUANTITY,
                        ORDER_LINE.UNIT_PRICE, ORDER_LINE.SUBTOTAL)
                .from(customer)
                .leftJoin(ORDERS).on(ORDERS.CUSTOMER_ID.eq(customerId))
                .leftJoin(ORDER_LINE).on(ORDER_LINE.ORDER_ID.eq(ORDERS.ID))
                .leftJoin(PRODUCT).on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                .orderBy(customerId, ORDERS.PLACED_AT.desc(), ORDERS.ID.desc(), ORDER_LINE.PRODUCT_ID);
    }

    /** Every customer: one row per order line of the whole history. */
    @Override
    boolean resultGrowsWithHistory() {
        return page == null;
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return Consecutive.groups(records.map(Record::intoArray), values -> values[CUSTOMER_ID])
                .map(CustomersWithOrders::customer);
    }

    @Override
    List<Row> copied(Connection connection) throws SQLException {
        List<Row> customers = new ArrayList<>();
        List<Object[]> run = new ArrayList<>();
        // one statement reads one snapshot, so a product has one name throughout: decoded once
        // per product (10 000) rather than once per line (millions), and shared by its lines
        Map<Long, String> productNames = new HashMap<>();
        PostgresCopyRows.forEach(connection, sqlWithValues(Engine.POSTGRESQL), COLUMNS, line -> {
            Object[] values = typed(line, productNames);
            if (!run.isEmpty() && !run.get(0)[CUSTOMER_ID].equals(values[CUSTOMER_ID])) {
                customers.add(customer(List.copyOf(run)));
                run.clear();
            }
            run.add(values);
        });
        if (!run.isEmpty()) {
            customers.add(customer(run));
        }
        return customers;
    }

    // positions of the selected columns, in the order of query(): rows are read by position, which
    // matters at millions of rows
    private static final int CUSTOMER_ID = 0;
    private static final int NAME = 1;
    private static final int EMAIL = 2;
    private static final int ORDER_NUMBER = 3;
    private static final int PLACED_AT = 4;
    private static final int TOTAL = 5;
    private static final int DEDUCTION = 6;
    private static final int GRAND_TOTAL = 7;
    private static final int PRODUCT_ID = 8;
    private static final int PRODUCT_NAME = 9;
    private static final int QUANTITY = 10;
    private static final int UNIT_PRICE = 11;
    private static final int SUBTOTAL = 12;
    private static final int COLUMNS = 13;

    /**
     * One line of COPY's text with the values the grouping needs typed as jOOQ would have read
     * them, and the product's name from {@code productNames} (decoded at the product's first line);
     * the others stay in the line ({@link PostgresCopyRows.Line}) until they are read, once per
     * customer (name, email) or order (time, totals) or line.
     */
    private static Object[] typed(PostgresCopyRows.Line line, Map<Long, String> productNames) {
        Integer quantity = line.isNull(QUANTITY) ? null : line.longValue(QUANTITY).intValue();
        Long productId = line.longValue(PRODUCT_ID);
        Object productName = productId == null ? line : productNames.computeIfAbsent(productId, id -> line.text(PRODUCT_NAME));
        return new Object[] {line.longValue(CUSTOMER_ID), line, line, line.longValue(ORDER_NUMBER), line, line, line,
                line, productId, productName, quantity, line, line};
    }

    /** Column {@code column} of {@code values} as text: read by jOOQ, or still in COPY's line. */
    private static String text(Object[] values, int column) {
        return values[column] instanceof PostgresCopyRows.Line line ? line.text(column) : (String) values[column];
    }

    /** Column {@code column} of {@code values} as money: read by jOOQ, or still in COPY's line. */
    private static BigDecimal decimal(Object[] values, int column) {
        if (values[column] instanceof PostgresCopyRows.Line line) {
            return line.decimal(column);
        }
        return (BigDecimal) values[column];
    }

    /** Column {@code column} of {@code values} as an instant: read by jOOQ, or still in COPY's line. */
    private static Instant instant(Object[] values, int column) {
        return values[column] instanceof PostgresCopyRows.Line line ? PostgresCopyRows.instant(line.text(column))
                : ((OffsetDateTime) values[column]).toInstant();
    }

    /**
     * One customer from the values of their consecutive rows: one per order line (an order's lines
     * are consecutive too), or a single one without an order.
     */
    private static Row customer(List<Object[]> rows) {
        List<Order> orders = new ArrayList<>();
        int first = 0;
        while (first < rows.size() && rows.get(first)[ORDER_NUMBER] != null) {
            Object number = rows.get(first)[ORDER_NUMBER];
            int end = first + 1;
            while (end < rows.size() && number.equals(rows.get(end)[ORDER_NUMBER])) {
                end++;
            }
            orders.add(order(rows.subList(first, end)));
            first = end;
        }
        Object[] head = rows.get(0);
        return new Row((Long) head[CUSTOMER_ID], text(head, NAME), text(head, EMAIL), orders);
    }

    private static Order order(List<Object[]> rows) {
        Object[] head = rows.get(0);
        List<Line> lines = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            if (r[PRODUCT_ID] != null) {
                lines.add(new Line((Long) r[PRODUCT_ID], text(r, PRODUCT_NAME), (Integer) r[QUANTITY],
                        Money.of(decimal(r, UNIT_PRICE)), Money.of(decimal(r, SUBTOTAL))));
            }
        }
        BigDecimal deduction = decimal(head, DEDUCTION);
        return new Order((Long) head[ORDER_NUMBER], instant(head, PLACED_AT), Money.of(decimal(head, TOTAL)),
                deduction == null ? null : Money.of(deduction), Money.of(decimal(head, GRAND_TOTAL)), lines);
    }
}
