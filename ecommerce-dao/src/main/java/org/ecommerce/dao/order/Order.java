package org.ecommerce.dao.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A placed order.
 *
 * @param number          the order number
 * @param customerId      who bought
 * @param paymentMethodId how they paid
 * @param placedAt        when
 * @param lines           what, by product id
 * @param total           sum of the line subtotals
 * @param deduction       discount applied, or null
 * @param grandTotal      total minus deduction: what was charged
 * @param idempotencyKey  the request's key, or null
 */
public record Order(long number, long customerId, long paymentMethodId, Instant placedAt, List<OrderLine> lines,
                    BigDecimal total, BigDecimal deduction, BigDecimal grandTotal, String idempotencyKey) {

    /** Makes the line list immutable. */
    public Order {
        lines = List.copyOf(lines);
    }
}
