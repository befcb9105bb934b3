package org.ecommerce.queries;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as rows carry them: two decimals, like the NUMERIC(12, 2) columns they come from. */
final class Money {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    /**
     * The amount with scale 2; null (a sum over no rows) is zero. Sums of two-decimal columns never
     * need rounding, so a value that would is a bug and fails loudly.
     */
    static BigDecimal of(BigDecimal amount) {
        return amount == null ? ZERO : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
