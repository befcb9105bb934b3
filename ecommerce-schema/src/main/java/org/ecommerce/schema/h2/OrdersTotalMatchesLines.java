package org.ecommerce.schema.h2;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

import org.ecommerce.schema.rules.Rule;

/**
 * An order's total always equals the sum of its lines: a new order's total must match the lines it
 * already has (none while its foreign keys hold, so it starts at 0) and a changed total must match
 * the lines. H2 twin of PostgreSQL's {@code orders_total_matches_lines()}.
 */
public final class OrdersTotalMatchesLines extends RuleTrigger {

    /** The sum of no lines, at the scale of PostgreSQL's NUMERIC(12, 2) so both engines report 0.00. */
    private static final BigDecimal NO_LINES = new BigDecimal("0.00");

    private String sumLines;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrdersTotalMatchesLines() {
    }

    @Override
    protected void prepare(String schema) {
        sumLines = "SELECT COALESCE(SUM(subtotal), 0) FROM " + schema + ".order_line WHERE order_id = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        BigDecimal total = decimalValue(newRow, "total");
        if (oldRow != null && total.compareTo(decimalValue(oldRow, "total")) == 0) {
            // total untouched: it already matched the lines
            return;
        }
        BigDecimal lineSum = (BigDecimal) queryValue(conn, sumLines, longValue(newRow, "id")).orElseThrow();
        if (lineSum.signum() == 0) {
            lineSum = NO_LINES;
        }
        if (total.compareTo(lineSum) != 0) {
            throw refusal(Rule.ORDERS_TOTAL_MATCHES_LINES, "order " + value(newRow, "id") + " total " + total
                    + " differs from the sum of its lines " + lineSum,
                    "order_id", value(newRow, "id"), "total", total, "line_sum", lineSum);
        }
    }
}
