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
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Every customer with their orders and the products of each order; customers who
 * never ordered are included with no orders.
 *
 * <p>What a report often concatenates into a string is a typed value here: a list of {@link Order}s per
 * customer and a list of {@link Line}s per order. Order: customers by id (registration order),
 * each customer's orders newest first (then by id, descending), each order's lines by
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
     * @param orderId    the order's id
     * @param placedAt   when it was placed
     * @param total      the sum of its lines' subtotals, scale 2
     * @param deduction  the discount applied, scale 2, or null if none
     * @param grandTotal what was charged, scale 2
     * @param lines      what was bought, by product id
     */
    public record Order(long orderId, Instant placedAt, BigDecimal total, BigDecimal deduction, BigDecimal grandTotal,
                        List<Line> lines) {

        /** Makes the list immutable. */
        public Order {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One product of an order. Within one result, lines with equal values (a product bought at the
     * same price in the same quantity by many customers) may be one object: compare with
     * {@code equals}, as with any record.
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
                        ORDERS.ID.as("order_id"), ORDERS.PLACED_AT, ORDERS.TOTAL, ORDERS.DEDUCTION, ORDERS.GRAND_TOTAL,
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
        Iterator<? extends Record> source = records.iterator();
        RecordColumns columns = new RecordColumns();
        Assembler assembler = new Assembler();
        Spliterator<Row> customers = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super Row> action) {
                Row done = null;
                while (done == null && source.hasNext()) {
                    done = assembler.add(columns.at(source.next()));
                }
                done = done != null ? done : assembler.finish();
                if (done != null) {
                    action.accept(done);
                }
                return done != null;
            }
        };
        return StreamSupport.stream(customers, false).onClose(records::close);
    }

    @Override
    List<Row> copied(Connection connection, Settings settings) throws SQLException {
        List<Row> customers = new ArrayList<>();
        CopyColumns columns = new CopyColumns();
        Assembler assembler = new Assembler();
        PostgresCopyRows.forEach(connection, sqlWithValues(Engine.POSTGRESQL, settings), COLUMNS, line -> {
            Row done = assembler.add(columns.at(line));
            if (done != null) {
                customers.add(done);
            }
        });
        Row last = assembler.finish();
        if (last != null) {
            customers.add(last);
        }
        return customers;
    }

    // rows are read by position, which matters at millions of rows; the positions are looked up once
    // by name in the query's own select list, so that they follow query()
    private static final List<String> SELECTED = Stream.of(all().query(DSL.using(SQLDialect.DEFAULT)).fields())
            .map(Field::getName).toList();
    private static final int CUSTOMER_ID = position("customer_id");
    private static final int NAME = position(CUSTOMER.NAME.getName());
    private static final int EMAIL = position(CUSTOMER.EMAIL.getName());
    private static final int ORDER_ID = position("order_id");
    private static final int PLACED_AT = position(ORDERS.PLACED_AT.getName());
    private static final int TOTAL = position(ORDERS.TOTAL.getName());
    private static final int DEDUCTION = position(ORDERS.DEDUCTION.getName());
    private static final int GRAND_TOTAL = position(ORDERS.GRAND_TOTAL.getName());
    private static final int PRODUCT_ID = position(ORDER_LINE.PRODUCT_ID.getName());
    private static final int PRODUCT_NAME = position("product_name");
    private static final int QUANTITY = position(ORDER_LINE.QUANTITY.getName());
    private static final int UNIT_PRICE = position(ORDER_LINE.UNIT_PRICE.getName());
    private static final int SUBTOTAL = position(ORDER_LINE.SUBTOTAL.getName());
    private static final int COLUMNS = SELECTED.size();

    private static int position(String column) {
        int position = SELECTED.indexOf(column);
        if (position < 0) {
            throw new IllegalStateException("the query selects no column " + column + ": " + SELECTED);
        }
        return position;
    }

    /** The current result line, however it was read, its columns by position. */
    private interface Columns {

        boolean isNull(int column);

        /** An integer column that is not null. */
        long number(int column);

        String text(int column);

        /** A money column with scale 2, or null. */
        BigDecimal amount(int column);

        Instant instant(int column);
    }

    /** A record jOOQ read (a page, or any read on H2). */
    private static final class RecordColumns implements Columns {

        private Record record;

        RecordColumns at(Record current) {
            record = current;
            return this;
        }

        @Override
        public boolean isNull(int column) {
            return record.get(column) == null;
        }

        @Override
        public long number(int column) {
            return ((Number) record.get(column)).longValue();
        }

        @Override
        public String text(int column) {
            return (String) record.get(column);
        }

        @Override
        public BigDecimal amount(int column) {
            BigDecimal amount = (BigDecimal) record.get(column);
            return amount == null ? null : Money.of(amount);
        }

        @Override
        public Instant instant(int column) {
            return ((OffsetDateTime) record.get(column)).toInstant();
        }
    }

    /**
     * A row of the binary COPY stream. Amounts repeat across millions of lines (a product's price, its
     * multiples): equal ones share one {@link BigDecimal}, so that a result of millions of lines
     * holds thousands of amounts, not millions.
     */
    private static final class CopyColumns implements Columns {

        private final RecentValues<BigDecimal> amounts = new RecentValues<>(1 << 16);
        private PostgresCopyRows.Line line;

        CopyColumns at(PostgresCopyRows.Line current) {
            line = current;
            return this;
        }

        @Override
        public boolean isNull(int column) {
            return line.isNull(column);
        }

        @Override
        public long number(int column) {
            return line.number(column);
        }

        @Override
        public String text(int column) {
            return line.text(column);
        }

        @Override
        public BigDecimal amount(int column) {
            if (line.isNull(column)) {
                return null;
            }
            long cents = line.unscaled(column, 2);
            BigDecimal amount = amounts.get(cents);
            if (amount == null) {
                amount = BigDecimal.valueOf(cents, 2);
                amounts.put(cents, amount);
            }
            return amount;
        }

        @Override
        public Instant instant(int column) {
            return line.instant(column);
        }
    }

    /**
     * Builds customers from the result's lines in their order: a customer's lines are consecutive,
     * and an order's lines are consecutive within them. Each line is read when it is added, and
     * only for what it adds: a customer's name once, an order's time and totals once.
     */
    private static final class Assembler {

        /** Names by product id: a product has one name in one statement's snapshot. */
        private final RecentValues<String> productNames = new RecentValues<>(1 << 14);
        /** Lines made so far, by a hash of their values: see {@link #line}. */
        private final RecentValues<Line> recentLines = new RecentValues<>(1 << 16);
        private boolean inCustomer;
        private long customerId;
        private String name;
        private String email;
        private final List<Order> orders = new ArrayList<>();
        /** The lines of the order being built; one list serves every order (the order copies it). */
        private final List<Line> lines = new ArrayList<>();
        private boolean inOrder;
        private long orderId;
        private Instant placedAt;
        private BigDecimal total;
        private BigDecimal deduction;
        private BigDecimal grandTotal;

        /** Adds the next line; returns the previous customer, complete, if this line starts another. */
        Row add(Columns line) {
            long customer = line.number(CUSTOMER_ID);
            Row done = null;
            if (!inCustomer || customer != customerId) {
                done = finish();
                inCustomer = true;
                customerId = customer;
                name = line.text(NAME);
                email = line.text(EMAIL);
            }
            if (line.isNull(ORDER_ID)) {
                return done; // a customer without orders
            }
            long order = line.number(ORDER_ID);
            if (!inOrder || order != orderId) {
                finishOrder();
                inOrder = true;
                orderId = order;
                placedAt = line.instant(PLACED_AT);
                total = line.amount(TOTAL);
                deduction = line.amount(DEDUCTION);
                grandTotal = line.amount(GRAND_TOTAL);
            }
            if (!line.isNull(PRODUCT_ID)) {
                long product = line.number(PRODUCT_ID);
                String productName = productNames.get(product);
                if (productName == null) {
                    productName = line.text(PRODUCT_NAME);
                    productNames.put(product, productName);
                }
                lines.add(line(product, productName, (int) line.number(QUANTITY), line.amount(UNIT_PRICE),
                        line.amount(SUBTOTAL)));
            }
            return done;
        }

        /**
         * A line with these values: the one made for an earlier order if it had the same ones
         * (a product bought at one price in one quantity by many customers), else a new one.
         */
        private Line line(long product, String productName, int quantity, BigDecimal unitPrice, BigDecimal subtotal) {
            long key = ((product * 31 + quantity) * 1_000_003L + unitPrice.hashCode()) * 1_000_003L + subtotal.hashCode();
            Line earlier = recentLines.get(key);
            if (earlier != null && earlier.productId() == product && earlier.quantity() == quantity
                    && earlier.productName().equals(productName) && earlier.unitPrice().equals(unitPrice)
                    && earlier.subtotal().equals(subtotal)) {
                return earlier;
            }
            Line made = new Line(product, productName, quantity, unitPrice, subtotal);
            recentLines.put(key, made);
            return made;
        }

        /** The customer being built, complete; null if there is none (the first line, or the end, again). */
        Row finish() {
            if (!inCustomer) {
                return null;
            }
            finishOrder();
            inCustomer = false;
            Row customer = new Row(customerId, name, email, orders);
            orders.clear();
            return customer;
        }

        private void finishOrder() {
            if (inOrder) {
                orders.add(new Order(orderId, placedAt, total, deduction, grandTotal, lines));
                lines.clear();
                inOrder = false;
            }
        }
    }
}
