package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
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

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return Consecutive.groups(records, r -> r.get("customer_id", Long.class)).map(CustomersWithOrders::customer);
    }

    /** One customer from their consecutive records: one per order line, or a single one without an order. */
    private static Row customer(List<? extends Record> records) {
        Map<Long, List<Record>> byOrder = new LinkedHashMap<>();
        for (Record r : records) {
            Long number = r.get("order_number", Long.class);
            if (number != null) {
                byOrder.computeIfAbsent(number, n -> new ArrayList<>()).add(r);
            }
        }
        List<Order> orders = byOrder.values().stream().map(CustomersWithOrders::order).toList();
        Record first = records.get(0);
        return new Row(first.get("customer_id", Long.class), first.get("name", String.class),
                first.get("email", String.class), orders);
    }

    private static Order order(List<Record> records) {
        Record first = records.get(0);
        BigDecimal deduction = first.get("deduction", BigDecimal.class);
        List<Line> lines = records.stream()
                .filter(r -> r.get("product_id") != null)
                .map(r -> new Line(r.get("product_id", Long.class), r.get("product_name", String.class),
                        r.get("quantity", Integer.class), Money.of(r.get("unit_price", BigDecimal.class)),
                        Money.of(r.get("subtotal", BigDecimal.class))))
                .toList();
        return new Order(first.get("order_number", Long.class), first.get("placed_at", OffsetDateTime.class).toInstant(),
                Money.of(first.get("total", BigDecimal.class)), deduction == null ? null : Money.of(deduction),
                Money.of(first.get("grand_total", BigDecimal.class)), lines);
    }
}
