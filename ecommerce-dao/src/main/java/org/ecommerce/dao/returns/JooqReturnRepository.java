package org.ecommerce.dao.returns;

import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.least;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.internal.ReferenceNumbers;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.jooq.tables.records.OrderReturnRecord;
import org.ecommerce.schema.jooq.tables.records.OrdersRecord;
import org.jooq.DSLContext;

/**
 * {@link ReturnRepository} on jOOQ. How much may be returned, the status transitions and the
 * restocking on completion are the database's rules; this class adds the refund.
 */
public final class JooqReturnRepository implements ReturnRepository {

    private final TransactionRunner tx;
    private final Clock clock;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqReturnRepository(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public OrderReturn open(OpenReturn request) {
        Validation.required("request", request);
        return tx.run(dsl -> {
            long order = request.orderId();
            if (!dsl.fetchExists(ORDERS, ORDERS.ID.eq(order))) {
                throw new NotFoundException("order", order);
            }
            Set<Long> bought = Set.copyOf(dsl.select(ORDER_LINE.PRODUCT_ID).from(ORDER_LINE)
                    .where(ORDER_LINE.ORDER_ID.eq(order)).fetch(ORDER_LINE.PRODUCT_ID));
            for (ReturnItem item : request.items()) {
                if (!bought.contains(item.productId())) {
                    throw new NotFoundException("product in order " + order, item.productId());
                }
            }
            LocalDate today = LocalDate.now(clock);
            long id = dsl.insertInto(ORDER_RETURN)
                    .set(ORDER_RETURN.ORDER_ID, order)
                    .set(ORDER_RETURN.TICKET_NUMBER, ReferenceNumbers.next("RT"))
                    .set(ORDER_RETURN.STARTED_ON, today)
                    .set(ORDER_RETURN.DUE_ON, today.plusDays(request.daysToReturn()))
                    .set(ORDER_RETURN.REASON, request.reason())
                    .returning(ORDER_RETURN.ID)
                    .fetchSingle(ORDER_RETURN.ID);
            var lines = dsl.insertInto(RETURN_LINE, RETURN_LINE.RETURN_ID, RETURN_LINE.ORDER_ID, RETURN_LINE.PRODUCT_ID,
                    RETURN_LINE.QUANTITY);
            // product-id order: the trigger locks the order lines in a fixed order
            for (ReturnItem item : request.items().stream().sorted(Comparator.comparingLong(ReturnItem::productId)).toList()) {
                lines = lines.values(id, order, item.productId(), item.quantity());
            }
            lines.execute(); // the database refuses more than bought minus already returned
            return read(dsl, id);
        });
    }

    @Override
    public OrderReturn complete(long returnId) {
        return tx.run(dsl -> {
            OrderReturn pending = close(dsl, returnId, ReturnStatus.COMPLETED); // the database restocks
            BigDecimal refund = pending.refundTotal();
            if (refund.signum() > 0) {
                // back on the gift card that paid, never above what it was issued with
                dsl.update(GIFT_CARD)
                        .set(GIFT_CARD.BALANCE, least(GIFT_CARD.BALANCE.plus(refund), GIFT_CARD.INITIAL_AMOUNT))
                        .where(GIFT_CARD.PAYMENT_METHOD_ID.eq(
                                dsl.select(ORDERS.PAYMENT_METHOD_ID).from(ORDERS).where(ORDERS.ID.eq(pending.orderId()))))
                        .execute();
            }
            return read(dsl, returnId);
        });
    }

    @Override
    public OrderReturn deny(long returnId) {
        return tx.run(dsl -> {
            close(dsl, returnId, ReturnStatus.DENIED);
            return read(dsl, returnId);
        });
    }

    @Override
    public OrderReturn cancel(long returnId) {
        return tx.run(dsl -> {
            close(dsl, returnId, ReturnStatus.CANCELLED);
            return read(dsl, returnId);
        });
    }

    @Override
    public OrderReturn get(long returnId) {
        return tx.run(dsl -> read(dsl, returnId));
    }

    @Override
    public List<OrderReturn> forOrder(long orderId) {
        return tx.run(dsl -> {
            if (!dsl.fetchExists(ORDERS, ORDERS.ID.eq(orderId))) {
                throw new NotFoundException("order", orderId);
            }
            return dsl.select(ORDER_RETURN.ID).from(ORDER_RETURN).where(ORDER_RETURN.ORDER_ID.eq(orderId))
                    .orderBy(ORDER_RETURN.ID).fetch(ORDER_RETURN.ID).stream().map(id -> read(dsl, id)).toList();
        });
    }

    /** Moves a pending return (locked) to a final status and returns it as it was while pending. */
    private static OrderReturn close(DSLContext dsl, long returnId, ReturnStatus to) {
        OrderReturnRecord row = dsl.selectFrom(ORDER_RETURN).where(ORDER_RETURN.ID.eq(returnId)).forUpdate()
                .fetchOptional().orElseThrow(() -> new NotFoundException("return", returnId));
        ReturnStatus from = ReturnStatus.ofDbValue(row.getStatus());
        // the database refuses every other move its status_transition rows do not allow; keeping
        // the status is no move to it, but closing a return twice would refund it twice
        if (from == to) {
            throw new InvalidStatusTransitionException("return", from.dbValue(), to.dbValue());
        }
        OrderReturn pending = read(dsl, returnId);
        dsl.update(ORDER_RETURN).set(ORDER_RETURN.STATUS, to.dbValue()).set(ORDER_RETURN.CLOSED_AT, currentOffsetDateTime())
                .where(ORDER_RETURN.ID.eq(returnId)).execute();
        return pending;
    }

    private static OrderReturn read(DSLContext dsl, long returnId) {
        OrderReturnRecord row = dsl.selectFrom(ORDER_RETURN).where(ORDER_RETURN.ID.eq(returnId)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("return", returnId));
        OrdersRecord order = dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(row.getOrderId())).fetchSingle();
        List<ReturnLine> lines = dsl.select(RETURN_LINE.PRODUCT_ID, RETURN_LINE.QUANTITY, ORDER_LINE.UNIT_PRICE)
                .from(RETURN_LINE)
                .join(ORDER_LINE).on(ORDER_LINE.ORDER_ID.eq(RETURN_LINE.ORDER_ID), ORDER_LINE.PRODUCT_ID.eq(RETURN_LINE.PRODUCT_ID))
                .where(RETURN_LINE.RETURN_ID.eq(returnId))
                .orderBy(RETURN_LINE.PRODUCT_ID)
                .fetch(r -> new ReturnLine(r.get(RETURN_LINE.PRODUCT_ID), r.get(RETURN_LINE.QUANTITY), r.get(ORDER_LINE.UNIT_PRICE)));
        return new OrderReturn(row.getId(), row.getOrderId(), row.getTicketNumber(), ReturnStatus.ofDbValue(row.getStatus()),
                row.getStartedOn(), row.getDueOn(), lines, refund(lines, order));
    }

    /**
     * The lines' value at the prices paid, less the order's deduction in proportion, rounded down
     * to the cent: rounded to the nearest, several partial returns of an order with a deduction
     * could refund a few cents more than the order charged. The monthly sales query computes the
     * very same figure.
     */
    static BigDecimal refund(List<ReturnLine> lines, OrdersRecord order) {
        BigDecimal value = lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (order.getTotal().signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return value.multiply(order.getGrandTotal()).divide(order.getTotal(), 2, RoundingMode.DOWN);
    }
}
