package org.ecommerce.dao.basket;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer's open basket at current prices.
 *
 * @param customerId the owner
 * @param lines      its lines, by product id
 * @param total      sum of the subtotals
 */
public record Basket(long customerId, List<BasketLine> lines, BigDecimal total) {

    /** Makes the line list immutable. */
    public Basket {
        lines = List.copyOf(lines);
    }

    /** Whether the basket holds nothing. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
