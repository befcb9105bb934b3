package org.ecommerce.dao.order;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.DELIVERY;
import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
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

    private final TransactionRunner tx;
    private final Clock clock;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqOrderRepository(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Order place(PlaceOrder request) {
        Validation.required("order", request);
        return tx.run(dsl -> {
            if (request.idempotencyKey() != null) {
                Optional<Order> first = findByKey(dsl, request.customerId(), request.idempotencyKey());
                if (first.isPresent()) {
                    return first.get();
                }
            }
            Record payer = payer(dsl, request);
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

            Record created = insertOrder(dsl, request);
            long number = created.get(ORDERS.ID);
            OffsetDateTime placedAt = created.get(ORDERS.PLACED_AT);

            InsertValuesStep5<OrderLineRecord, Long, Long, Integer, BigDecimal, BigDecimal> insertLines = dsl.insertInto(
                    ORDER_LINE, ORDER_LINE.ORDER_ID, ORDER_LINE.PRODUCT_ID, ORDER_LINE.QUANTITY, ORDER_LINE.UNIT_PRICE,
                    ORDER_LINE.SUBTOTAL);
            for (OrderLine line : lines) {
                insertLines = insertLines.values(number, line.productId(), line.quantity(), line.unitPrice(), line.subtotal());
            }
            insertLines.execute(); // the database takes the stock here, or refuses with out_of_stock

            if (deduction != null && deduction.signum() > 0) {
                dsl.update(ORDERS).set(ORDERS.DEDUCTION, deduction).set(ORDERS.GRAND_TOTAL, grandTotal)
                        .where(ORDERS.ID.eq(number)).execute();
            }
            if (GIFT_CARD_KIND.equals(payer.get(PAYMENT_METHOD.KIND)) && grandTotal.signum() > 0) {
                int debited = dsl.update(GIFT_CARD).set(GIFT_CARD.BALANCE, GIFT_CARD.BALANCE.minus(grandTotal))
                        .where(GIFT_CARD.PAYMENT_METHOD_ID.eq(request.paymentMethodId()), GIFT_CARD.BALANCE.ge(grandTotal))
                        .execute();
                if (debited == 0) {
                    throw new InsufficientBalanceException(request.paymentMethodId());
                }
            }
            insertDelivery(dsl, number, request.deliveryAddress() != null ? request.deliveryAddress() : addressOf(payer));
            recordPurchases(dsl, request.customerId(), lines, placedAt);
            return new Order(number, request.customerId(), request.paymentMethodId(), placedAt.toInstant(), lines, total,
                    deduction != null && deduction.signum() > 0 ? deduction : null, grandTotal, request.idempotencyKey());
        });
    }

    @Override
    public Order get(long orderNumber) {
        return find(orderNumber).orElseThrow(() -> new NotFoundException("order", orderNumber));
    }

    @Override
    public Optional<Order> find(long orderNumber) {
        return tx.run(dsl -> dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(orderNumber)).fetchOptional()
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
        return dsl.selectFrom(ORDERS).where(ORDERS.CUSTOMER_ID.eq(customerId), ORDERS.IDEMPOTENCY_KEY.eq(key))
                .fetchOptional().map(row -> withLines(dsl, List.of(row)).get(0));
    }

    /** The customer's address and the payment method's kind; refuses unknown, foreign, removed or expired methods. */
    private Record payer(DSLContext dsl, PlaceOrder request) {
        Record payer = dsl.select(CUSTOMER.ADDRESS_BUILDING, CUSTOMER.ADDRESS_STREET, CUSTOMER.ADDRESS_CITY,
                        CUSTOMER.ADDRESS_REGION, CUSTOMER.ADDRESS_POSTCODE, CUSTOMER.ADDRESS_COUNTRY,
                        PAYMENT_METHOD.ID, PAYMENT_METHOD.KIND, PAYMENT_METHOD.REMOVED_AT, PAYMENT_METHOD.EXPIRES_ON)
                .from(CUSTOMER)
                .leftJoin(PAYMENT_METHOD).on(PAYMENT_METHOD.ID.eq(request.paymentMethodId()),
                        PAYMENT_METHOD.CUSTOMER_ID.eq(CUSTOMER.ID))
                .where(CUSTOMER.ID.eq(request.customerId()))
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("customer", request.customerId()));
        if (payer.get(PAYMENT_METHOD.ID) == null || payer.get(PAYMENT_METHOD.REMOVED_AT) != null) {
            throw new NotFoundException("payment method", request.paymentMethodId());
        }
        LocalDate expiresOn = payer.get(PAYMENT_METHOD.EXPIRES_ON);
        if (expiresOn != null && expiresOn.isBefore(LocalDate.now(clock))) {
            throw new ValidationException("paymentMethodId", "has expired");
        }
        return payer;
    }

    /** The lines at current prices, in product-id order (the lock order). */
    private static List<OrderLine> priceLines(DSLContext dsl, List<OrderItem> items) {
        Map<Long, BigDecimal> prices = dsl.select(PRODUCT.ID, PRODUCT.PRICE).from(PRODUCT)
                .where(PRODUCT.ID.in(items.stream().map(OrderItem::productId).toList()))
                .fetchMap(PRODUCT.ID, PRODUCT.PRICE);
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

    private static Record insertOrder(DSLContext dsl, PlaceOrder request) {
        try {
            return dsl.insertInto(ORDERS)
                    .set(ORDERS.CUSTOMER_ID, request.customerId())
                    .set(ORDERS.PAYMENT_METHOD_ID, request.paymentMethodId())
                    .set(ORDERS.IDEMPOTENCY_KEY, request.idempotencyKey())
                    .returning(ORDERS.ID, ORDERS.PLACED_AT)
                    .fetchSingle();
        } catch (DataAccessException e) {
            if (ErrorTranslator.isRule(e, "orders_idempotency_key_unique")) {
                // a racing request with the same key got there first: start over and return its order
                throw new RetryTransaction("same idempotency key placed concurrently", e);
            }
            throw e;
        }
    }

    private static void insertDelivery(DSLContext dsl, long orderNumber, Address a) {
        dsl.insertInto(DELIVERY)
                .set(DELIVERY.ORDER_ID, orderNumber)
                .set(DELIVERY.TRACKING_NUMBER, ReferenceNumbers.next("TRK"))
                .set(DELIVERY.ADDRESS_BUILDING, a.building())
                .set(DELIVERY.ADDRESS_STREET, a.street())
                .set(DELIVERY.ADDRESS_CITY, a.city())
                .set(DELIVERY.ADDRESS_REGION, a.region())
                .set(DELIVERY.ADDRESS_POSTCODE, a.postcode())
                .set(DELIVERY.ADDRESS_COUNTRY, a.country())
                .execute();
    }

    private static void recordPurchases(DSLContext dsl, long customerId, List<OrderLine> lines, OffsetDateTime at) {
        var insert = dsl.insertInto(INTERACTION, INTERACTION.CUSTOMER_ID, INTERACTION.PRODUCT_ID, INTERACTION.TYPE_ID,
                INTERACTION.OCCURRED_AT);
        Field<Short> purchase = field(select(INTERACTION_TYPE.ID).from(INTERACTION_TYPE)
                .where(INTERACTION_TYPE.NAME.eq("purchase")));
        for (OrderLine line : lines) {
            insert = insert.values(val(customerId), val(line.productId()), purchase, val(at));
        }
        insert.execute();
    }

    private static Address addressOf(Record r) {
        return new Address(r.get(CUSTOMER.ADDRESS_BUILDING), r.get(CUSTOMER.ADDRESS_STREET), r.get(CUSTOMER.ADDRESS_CITY),
                r.get(CUSTOMER.ADDRESS_REGION), r.get(CUSTOMER.ADDRESS_POSTCODE), r.get(CUSTOMER.ADDRESS_COUNTRY));
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
        return rows.stream().map(r -> new Order(r.getId(), r.getCustomerId(), r.getPaymentMethodId(),
                r.getPlacedAt().toInstant(), lines.getOrDefault(r.getId(), List.of()), r.getTotal(), r.getDeduction(),
                r.getGrandTotal(), r.getIdempotencyKey())).toList();
    }
}
