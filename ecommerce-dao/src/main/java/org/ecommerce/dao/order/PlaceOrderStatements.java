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
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import org.ecommerce.dao.internal.RenderedStatement;
import org.ecommerce.schema.jooq.tables.records.OrderLineRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep5;
import org.jooq.Param;
import org.jooq.Query;

/**
 * The statements of {@link OrderRepository#place}, written in jOOQ and rendered once per dialect
 * (see {@link RenderedStatement} for why). Each one's values are bound in the order its
 * placeholders appear in the rendered SQL (in {@link #insertPurchases} the type's subquery is
 * built before, but rendered after, the customer and the product).
 *
 * <p>The three statements whose length depends on the number of lines are rendered once per line
 * count, and kept for counts up to {@value #KEPT_LINE_COUNTS}; larger orders are rare and rendered
 * per call, so the cache stays small whatever callers send.
 */
final class PlaceOrderStatements {

    private static final int KEPT_LINE_COUNTS = 16;

    /** orders.id, customer_id, payment_method_id, placed_at, total, deduction, grand_total, idempotency_key, number by (customer, key). */
    final RenderedStatement findByKey;
    /** The customer's address and the payment method's id, kind, removal and expiry by (payment method, customer). */
    final RenderedStatement payer;
    /** The new order's id, time and number, from (customer, payment method, idempotency key). */
    final RenderedStatement insertOrder;
    /** Sets (deduction, grand total) of an order. */
    final RenderedStatement updateDeduction;
    /** Debits (amount) from (gift card) when its balance covers (amount). */
    final RenderedStatement debitGiftCard;
    /** The delivery of (order, tracking number, building, street, city, region, postcode, country). */
    final RenderedStatement insertDelivery;

    private final DSLContext dsl;
    private final ConcurrentHashMap<Integer, RenderedStatement> prices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, RenderedStatement> lines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, RenderedStatement> purchases = new ConcurrentHashMap<>();

    /** Renders with {@code dsl}, a context without connection ({@code TransactionRunner.renderer()}). */
    PlaceOrderStatements(DSLContext dsl) {
        this.dsl = dsl;
        findByKey = RenderedStatement.render(dsl,
                dsl.select(ORDERS.ID, ORDERS.CUSTOMER_ID, ORDERS.PAYMENT_METHOD_ID, ORDERS.PLACED_AT, ORDERS.TOTAL,
                                ORDERS.DEDUCTION, ORDERS.GRAND_TOTAL, ORDERS.IDEMPOTENCY_KEY, ORDERS.NUMBER)
                        .from(ORDERS)
                        .where(ORDERS.CUSTOMER_ID.eq(param("customer_id", ORDERS.CUSTOMER_ID)),
                                ORDERS.IDEMPOTENCY_KEY.eq(param("idempotency_key", ORDERS.IDEMPOTENCY_KEY))));
        payer = RenderedStatement.render(dsl,
                dsl.select(CUSTOMER.ADDRESS_BUILDING, CUSTOMER.ADDRESS_STREET, CUSTOMER.ADDRESS_CITY,
                                CUSTOMER.ADDRESS_REGION, CUSTOMER.ADDRESS_POSTCODE, CUSTOMER.ADDRESS_COUNTRY,
                                PAYMENT_METHOD.ID, PAYMENT_METHOD.KIND, PAYMENT_METHOD.REMOVED_AT, PAYMENT_METHOD.EXPIRES_ON)
                        .from(CUSTOMER)
                        .leftJoin(PAYMENT_METHOD).on(PAYMENT_METHOD.ID.eq(param("payment_method_id", PAYMENT_METHOD.ID)),
                                PAYMENT_METHOD.CUSTOMER_ID.eq(CUSTOMER.ID))
                        .where(CUSTOMER.ID.eq(param("customer_id", CUSTOMER.ID))));
        insertOrder = RenderedStatement.render(dsl,
                dsl.insertInto(ORDERS)
                        .set(ORDERS.CUSTOMER_ID, param("customer_id", ORDERS.CUSTOMER_ID))
                        .set(ORDERS.PAYMENT_METHOD_ID, param("payment_method_id", ORDERS.PAYMENT_METHOD_ID))
                        .set(ORDERS.IDEMPOTENCY_KEY, param("idempotency_key", ORDERS.IDEMPOTENCY_KEY))
                        .returning(ORDERS.ID, ORDERS.PLACED_AT, ORDERS.NUMBER));
        updateDeduction = RenderedStatement.render(dsl,
                dsl.update(ORDERS)
                        .set(ORDERS.DEDUCTION, param("deduction", ORDERS.DEDUCTION))
                        .set(ORDERS.GRAND_TOTAL, param("grand_total", ORDERS.GRAND_TOTAL))
                        .where(ORDERS.ID.eq(param("order_id", ORDERS.ID))));
        debitGiftCard = RenderedStatement.render(dsl,
                dsl.update(GIFT_CARD)
                        .set(GIFT_CARD.BALANCE, GIFT_CARD.BALANCE.minus(param("amount", GIFT_CARD.BALANCE)))
                        .where(GIFT_CARD.PAYMENT_METHOD_ID.eq(param("payment_method_id", GIFT_CARD.PAYMENT_METHOD_ID)),
                                GIFT_CARD.BALANCE.ge(param("amount", GIFT_CARD.BALANCE))));
        insertDelivery = RenderedStatement.render(dsl,
                dsl.insertInto(DELIVERY)
                        .set(DELIVERY.ORDER_ID, param("order_id", DELIVERY.ORDER_ID))
                        .set(DELIVERY.TRACKING_NUMBER, param("tracking_number", DELIVERY.TRACKING_NUMBER))
                        .set(DELIVERY.ADDRESS_BUILDING, param("building", DELIVERY.ADDRESS_BUILDING))
                        .set(DELIVERY.ADDRESS_STREET, param("street", DELIVERY.ADDRESS_STREET))
                        .set(DELIVERY.ADDRESS_CITY, param("city", DELIVERY.ADDRESS_CITY))
                        .set(DELIVERY.ADDRESS_REGION, param("region", DELIVERY.ADDRESS_REGION))
                        .set(DELIVERY.ADDRESS_POSTCODE, param("postcode", DELIVERY.ADDRESS_POSTCODE))
                        .set(DELIVERY.ADDRESS_COUNTRY, param("country", DELIVERY.ADDRESS_COUNTRY)));
    }

    /** product.id, price for (product id) × {@code count}. */
    RenderedStatement prices(int count) {
        return perLineCount(prices, count, n -> {
            List<Param<Long>> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(param("product_id_" + i, PRODUCT.ID));
            }
            return dsl.select(PRODUCT.ID, PRODUCT.PRICE).from(PRODUCT).where(PRODUCT.ID.in(ids));
        });
    }

    /** Inserts (order, product, quantity, unit price, subtotal) × {@code count}. */
    RenderedStatement insertLines(int count) {
        return perLineCount(lines, count, n -> {
            InsertValuesStep5<OrderLineRecord, Long, Long, Integer, BigDecimal, BigDecimal> insert =
                    dsl.insertInto(ORDER_LINE, ORDER_LINE.ORDER_ID, ORDER_LINE.PRODUCT_ID, ORDER_LINE.QUANTITY,
                            ORDER_LINE.UNIT_PRICE, ORDER_LINE.SUBTOTAL);
            for (int i = 0; i < n; i++) {
                insert = insert.values(param("order_id_" + i, ORDER_LINE.ORDER_ID),
                        param("product_id_" + i, ORDER_LINE.PRODUCT_ID), param("quantity_" + i, ORDER_LINE.QUANTITY),
                        param("unit_price_" + i, ORDER_LINE.UNIT_PRICE), param("subtotal_" + i, ORDER_LINE.SUBTOTAL));
            }
            return insert;
        });
    }

    /** Inserts (customer, product, interaction type name, time) × {@code count}: the purchase interactions. */
    RenderedStatement insertPurchases(int count) {
        return perLineCount(purchases, count, n -> {
            InsertValuesStep4<?, Long, Long, Short, OffsetDateTime> insert = dsl.insertInto(INTERACTION,
                    INTERACTION.CUSTOMER_ID, INTERACTION.PRODUCT_ID, INTERACTION.TYPE_ID, INTERACTION.OCCURRED_AT);
            for (int i = 0; i < n; i++) {
                Field<Short> type = field(select(INTERACTION_TYPE.ID).from(INTERACTION_TYPE)
                        .where(INTERACTION_TYPE.NAME.eq(param("type_" + i, INTERACTION_TYPE.NAME))));
                insert = insert.values(param("customer_id_" + i, INTERACTION.CUSTOMER_ID),
                        param("product_id_" + i, INTERACTION.PRODUCT_ID), type,
                        param("occurred_at_" + i, INTERACTION.OCCURRED_AT));
            }
            return insert;
        });
    }

    private RenderedStatement perLineCount(ConcurrentHashMap<Integer, RenderedStatement> kept, int count,
                                           IntFunction<Query> query) {
        if (count > KEPT_LINE_COUNTS) {
            return RenderedStatement.render(dsl, query.apply(count));
        }
        return kept.computeIfAbsent(count, n -> RenderedStatement.render(dsl, query.apply(n)));
    }
}
