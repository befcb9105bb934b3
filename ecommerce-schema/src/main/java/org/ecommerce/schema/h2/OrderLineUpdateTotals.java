package org.ecommerce.schema.h2;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * After a line is inserted, its order's total becomes the sum of its lines and the grand total
 * follows. H2 twin of PostgreSQL's {@code order_line_update_totals()}.
 */
public final class OrderLineUpdateTotals extends RuleTrigger {

    private String sumLines;
    private String setTotals;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderLineUpdateTotals() {
    }

    @Override
    protected void prepare(String schema) {
        sumLines = "SELECT COALESCE(SUM(subtotal), 0) FROM " + schema + ".order_line WHERE order_id = ?";
        setTotals = "UPDATE " + schema + ".orders SET total = ?, grand_total = ? - COALESCE(deduction, 0) WHERE id = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        long orderId = longValue(newRow, "order_id");
        BigDecimal total = (BigDecimal) queryValue(conn, sumLines, orderId).orElseThrow();
        update(conn, setTotals, total, total, orderId);
    }
}
