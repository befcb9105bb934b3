package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A completed return puts its units back in stock.
 * H2 twin of PostgreSQL's {@code order_return_restock()}.
 */
public final class OrderReturnRestock extends RuleTrigger {

    private String restock;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnRestock() {
    }

    @Override
    protected void prepare(String schema) {
        restock = "UPDATE " + schema + ".product p SET stock = stock + (SELECT rl.quantity FROM " + schema
                + ".return_line rl WHERE rl.return_id = ? AND rl.product_id = p.id) "
                + "WHERE p.id IN (SELECT product_id FROM " + schema + ".return_line WHERE return_id = ?)";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if ("pending".equals(stringValue(oldRow, "status")) && "completed".equals(stringValue(newRow, "status"))) {
            update(conn, restock, longValue(newRow, "id"), longValue(newRow, "id"));
        }
    }
}
