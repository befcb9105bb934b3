package org.ecommerce.schema.h2;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * After a line is inserted, its order's total becomes the sum of its lines and the grand total
 * follows. H2 twin of PostgreSQL's {@code order_line_update_totals()}.
 */
public final class OrderLineUpdateTotals extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderLineUpdateTotals() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        long orderId = longValue(newRow, "order_id");
        BigDecimal total = (BigDecimal) queryValue(conn,
                "SELECT COALESCE(SUM(subtotal), 0) FROM order_line WHERE order_id = ?", orderId).orElseThrow();
        update(conn, "UPDATE orders SET total = ?, grand_total = ? - COALESCE(deduction, 0) WHERE id = ?",
                total, total, orderId);
    }
}
