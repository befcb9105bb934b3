package org.ecommerce.dao.returns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A return of part or all of an order.
 *
 * @param id           the return's id
 * @param orderId      the id of the order
 * @param ticketNumber the reference given to the customer
 * @param status       where it stands
 * @param startedOn    when it was opened
 * @param dueOn        by when the goods must be back
 * @param lines        what is returned
 * @param refundTotal  derived from the lines: their value at the prices paid, less the order's
 *                     deduction in proportion, rounded down to the cent (so that an order's
 *                     refunds never add up to more than it charged)
 */
public record OrderReturn(long id, long orderId, String ticketNumber, ReturnStatus status, LocalDate startedOn,
                          LocalDate dueOn, List<ReturnLine> lines, BigDecimal refundTotal) {

    /** Makes the line list immutable. */
    public OrderReturn {
        lines = List.copyOf(lines);
    }
}
