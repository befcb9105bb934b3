package org.ecommerce.dao.order;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ecommerce.dao.InsufficientBalanceException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Page;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.dao.internal.ReferenceNumbers;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.internal.TransactionRunner.RetryTransaction;
import org.ecommerce.schema.jooq.tables.records.OrderLineRecord;
import org.ecommerce.schema.jooq.tables.records.OrdersRecord;
import org.ecommerce.schema.rules.Rule;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link OrderRepository} on jOOQ.
 *
 * <p>Stock is taken by the database (the order_line trigger), not here: that is what keeps it
 * correct under any concurrency and for writers that bypass the library. Lines are inserted in
 * product-id order, so two orders over the same products lock them in the same order and cannot
 * deadlock each other.
 */
public final class JooqOrderRepository implements OrderRepository {

    private static final String GIFT_CARD_KIND = "gift_card";
    private static final String PURCHASE = "purchase";

    private final TransactionRunner tx;
    private final Clock clock;
    /** The statements of {@link #place}, rendered once for this library's dialect. */
    private final PlaceOrderStatements sql;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqOrderRepository(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
        this.sql = new PlaceOrderStatements(tx.renderer());
    }

    @Override
    public Order place(PlaceOrder request) {
        Validation.required("order", request);
        return tx.run(dsl -> {
            if (request.idempotencyKey() != null) {
                Optional<Order> first = findByKey(dsl, request.customerId(), request.idempotencyKey());
                if (first.isPresent()) {
                    return placedBy(first.get(), request);
                }
            }
            Payer payer = payer(dsl, request);
            List<OrderLine> lines = priceLines(dsl, request.items());
            BigDecimal total = lines.stream().map(OrderLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(Validation.MAX_MONEY) > 0) {
                throw new ValidationException("items", "make a total above " + Validation.MAX_MONEY);
            }
            BigDecimal deduction = request.deduction();
            if (deduction != null && deduction.compareTo(total) > 0) {
                throw new ValidationException("deduction", "must not exceed the order total " + total);
            }
            BigDecimal grandTotal = deduction == null ? total : total.subtract(deduction);

            Created created = insertOrder(dsl, request);
            long id = created.id();

            Object[] lineValues = new Object[lines.size() * 5];
            int v = 0;
            for (OrderLine line : lines) {
                lineValues[v++] = id;
                lineValues[v++] = line.productId();
                lineValues[v++] = line.quantity();
                lineValues[v++] = line.unitPrice();
                lineValues[v++] = line.subtotal();
            }
            sql.insertLines(lines.size()).execute(dsl, lineValues); // the database takes the stock here, or refuses with out_of_stock

            if (deduction != null && deduction.signum() > 0) {
                sql.updateDeduction.execute(dsl, deduction, grandTotal, id);
            }
            if (GIFT_CARD_KIND.equals(payer.kind()) && grandTotal.signum() > 0) {
                if (sql.debitGiftCard.execute(dsl, grandTotal, request.paymentMethodId(), grandTotal) == 0) {
                    throw new InsufficientBalanceException(request.paymentMethodId());
                }
            }
            Address to = request.deliveryAddress() != null ? request.deliveryAddress() : payer.address();
            sql.insertDelivery.execute(dsl, id, ReferenceNumbers.next("TRK"), to.building(), to.street(), to.city(),
                    to.region(), to.postcode(), to.country());

            Object[] purchaseValues = new Object[lines.size() * 4];
            v = 0;
            for (OrderLine line : lines) {
                purchaseValues[v++] = request.customerId();
                purchaseValues[v++] = line.productId();
                purchaseValues[v++] = PURCHASE;
                purchaseValues[v++] = created.placedAt();
            }
            sql.insertPurchases(lines.size()).execute(dsl, purchaseValues);
            return new Order(id, created.number(), request.customerId(), request.paymentMethodId(), created.placedAt().toInstant(), lines,
                    total, deduction != null && deduction.signum() > 0 ? deduction : null, grandTotal,
                    request.idempotencyKey());
        });
    }

    @Override
    public Order get(long orderId) {
        return find(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
    }

    @Override
    public Optional<Order> find(long orderId) {
        return tx.run(dsl -> dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(orderId)).fetchOptional()
                .map(row -> withLines(dsl, List.of(row)).get(0)));
    }

    @Override
    public Optional<Order> findByNumber(String number) {
        if (number == null) {
            return Optional.empty();
        }
        return tx.run(dsl -> dsl.selectFrom(ORDERS).where(ORDERS.NUMBER.eq(number)).fetchOptional()
                .map(row -> withLines(dsl, List.of(row)).get(0)));
    }

    @Override
    public Optional<Order> findByIdempotencyKey(long customerId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return tx.run(dsl -> findByKey(dsl, customerId, idempotencyKey));
    }

    @Override
    public Page<Order> byCustomer(long customerId, PageRequest page) {
        Validation.required("page", page);
        return tx.run(dsl -> {
            if (!dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(customerId))) {
                throw new NotFoundException("customer", customerId);
            }
            List<OrdersRecord> rows = dsl.selectFrom(ORDERS).where(ORDERS.CUSTOMER_ID.eq(customerId))
                    .orderBy(ORDERS.PLACED_AT.desc(), ORDERS.ID.desc())
                    .limit(page.size()).offset(page.offset())
                    .fetch();
            return new Page<>(withLines(dsl, rows), page, dsl.fetchCount(ORDERS, ORDERS.CUSTOMER_ID.eq(customerId)));
        });
    }

    private Optional<Order> findByKey(DSLContext dsl, long customerId, String key) {
        return sql.findByKey.fetchOptional(dsl, JooqOrderRepository::toOrderRow, customerId, key)
                .map(row -> withLines(dsl, List.of(row)).get(0));
    }

    /** Where the order goes by default and how it is paid. */
    private record Payer(Address address, String kind) {
    }

    /** The id, time and number the database gave a new order. */
    private record Created(long id, OffsetDateTime placedAt, String number) {
    }

    /** The customer's address and the payment method's kind; refuses unknown, foreign, removed or expired methods. */
    private Payer payer(DSLContext dsl, PlaceOrder request) {
        return sql.payer.fetchOptional(dsl, row -> {
            Address address = new Address(row.getString("address_building"), row.getString("address_street"),
                    row.getString("address_city"), row.getString("address_region"), row.getString("address_postcode"),
                    row.getString("address_country"));
            row.getLong("id"); // the payment method's: null when the left join found none
            if (row.wasNull() || row.getObject("removed_at") != null) {
                throw new NotFoundException("payment method", request.paymentMethodId());
            }
            LocalDate expiresOn = row.getObject("expires_on", LocalDate.class);
            if (expiresOn != null && expiresOn.isBefore(LocalDate.now(clock))) {
                throw new ValidationException("paymentMethodId", "has expired");
            }
            return new Payer(address, row.getString("kind"));
        }, request.paymentMethodId(), request.customerId())
                .orElseThrow(() -> new NotFoundException("customer", request.customerId()));
    }

    /** The lines at current prices, in product-id order (the lock order). */
    private List<OrderLine> priceLines(DSLContext dsl, List<OrderItem> items) {
        Object[] ids = new Object[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).productId();
        }
        Map<Long, BigDecimal> prices = new HashMap<>();
        sql.prices(ids.length).fetch(dsl, row -> prices.put(row.getLong("id"), row.getBigDecimal("price")), ids);
        List<OrderLine> lines = new ArrayList<>();
        for (OrderItem item : items) {
            BigDecimal price = prices.get(item.productId());
            if (price == null) {
                throw new NotFoundException("product", item.productId());
            }
            lines.add(new OrderLine(item.productId(), item.quantity(), price,
                    price.multiply(BigDecimal.valueOf(item.quantity()))));
        }
        lines.sort(Comparator.comparingLong(OrderLine::productId));
        return lines;
    }

    /**
     * The order that the request's key placed, if the request is a retry of the one that placed
     * it: the same items, payment method and deduction. Another request under a key already used
     * is refused, as returning an order it did not ask for would look like success.
     */
    private static Order placedBy(Order placed, PlaceOrder request) {
        Map<Long, Integer> asked = request.items().stream().collect(Collectors.toMap(OrderItem::productId, OrderItem::quantity));
        Map<Long, Integer> ordered = placed.lines().stream().collect(Collectors.toMap(OrderLine::productId, OrderLine::quantity));
        BigDecimal askedOff = request.deduction() == null ? BigDecimal.ZERO : request.deduction();
        BigDecimal tookOff = placed.deduction() == null ? BigDecimal.ZERO : placed.deduction();
        if (placed.paymentMethodId() != request.paymentMethodId() || !asked.equals(ordered) || askedOff.compareTo(tookOff) != 0) {
            throw new ValidationException("idempotencyKey", "placed order " + placed.number()
                    + " with other items, payment method or deduction: use a new key for a new order");
        }
        return placed;
    }

    private Created insertOrder(DSLContext dsl, PlaceOrder request) {
        try {
            return sql.insertOrder.fetchOptional(dsl,
                            row -> new Created(row.getLong("id"), row.getObject("placed_at", OffsetDateTime.class),
                                    row.getString("number")),
                            request.customerId(), request.paymentMethodId(), request.idempotencyKey())
                    .orElseThrow();
        } catch (DataAccessException e) {
            if (ErrorTranslator.isRule(e, Rule.ORDERS_IDEMPOTENCY_KEY_UNIQUE)) {
                // a racing request with the same key got there first: start over and return its order
                throw new RetryTransaction("same idempotency key placed concurrently", e);
            }
            throw e;
        }
    }

    /** An order's row as read by {@code findByKey}. */
    private static OrdersRecord toOrderRow(ResultSet row) throws SQLException {
        OrdersRecord order = new OrdersRecord();
        order.setId(row.getLong("id"));
        order.setCustomerId(row.getLong("customer_id"));
        order.setPaymentMethodId(row.getLong("payment_method_id"));
        order.setPlacedAt(row.getObject("placed_at", OffsetDateTime.class));
        order.setTotal(row.getBigDecimal("total"));
        order.setDeduction(row.getBigDecimal("deduction"));
        order.setGrandTotal(row.getBigDecimal("grand_total"));
        order.setIdempotencyKey(row.getString("idempotency_key"));
        order.setNumber(row.getString("number"));
        return order;
    }

    /** Orders with their lines: one query for the lines of all of them. */
    private static List<Order> withLines(DSLContext dsl, List<OrdersRecord> rows) {
        Map<Long, List<OrderLine>> lines = dsl.selectFrom(ORDER_LINE)
                .where(ORDER_LINE.ORDER_ID.in(rows.stream().map(OrdersRecord::getId).toList()))
                .orderBy(ORDER_LINE.PRODUCT_ID)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(OrderLineRecord::getOrderId,
                        Collectors.mapping(l -> new OrderLine(l.getProductId(), l.getQuantity(), l.getUnitPrice(),
                                l.getSubtotal()), Collectors.toList())));
        return rows.stream().map(r -> new Order(r.getId(), r.getNumber(), r.getCustomerId(), r.getPaymentMethodId(),
                r.getPlacedAt().toInstant(), lines.getOrDefault(r.getId(), List.of()), r.getTotal(), r.getDeduction(),
                r.getGrandTotal(), r.getIdempotencyKey())).toList();
    }
}
