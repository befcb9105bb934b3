package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A completed return puts its units back in stock.
 * H2 twin of PostgreSQL's {@code order_return_restock()}.
 */
public final class OrderReturnRestock extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnRestock() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if ("pending".equals(stringValue(oldRow, "status")) && "completed".equals(stringValue(newRow, "status"))) {
            update(conn, "UPDATE product p SET stock = stock + (SELECT rl.quantity FROM return_line rl "
                    + "WHERE rl.return_id = ? AND rl.product_id = p.id) "
                    + "WHERE p.id IN (SELECT product_id FROM return_line WHERE return_id = ?)",
                    longValue(newRow, "id"), longValue(newRow, "id"));
        }
    }
}
