package org.ecommerce.dao.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A placed order.
 *
 * @param id              the order's key in the database, by which the rest of the library refers to
 *                        it (deliveries, returns); handed out by a sequence, so after a failover that
 *                        lost the last orders of the old primary, a new order may get a lost one's id
 * @param number          the number to tell the customer, such as {@code ORD-3F9A2B7C1D4E5F6}: drawn
 *                        at random by the database, never the number of another order, before or after
 *                        a failover
 * @param customerId      who bought
 * @param paymentMethodId how they paid
 * @param placedAt        when
 * @param lines           what, by product id
 * @param total           sum of the line subtotals
 * @param deduction       discount applied, or null
 * @param grandTotal      total minus deduction: what was charged
 * @param idempotencyKey  the request's key, or null
 */
public record Order(long id, String number, long customerId, long paymentMethodId, Instant placedAt, List<OrderLine> lines,
                    BigDecimal total, BigDecimal deduction, BigDecimal grandTotal, String idempotencyKey) {

    /** Makes the line list immutable. */
    public Order {
        lines = List.copyOf(lines);
    }
}
