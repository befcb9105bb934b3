package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * Who bought an order stays who bought it once the order has lines, since reviews and returns rest on it.
 * H2 twin of PostgreSQL's {@code orders_customer_fixed()}.
 */
public final class OrdersCustomerFixed extends RuleTrigger {

    private String hasLines;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrdersCustomerFixed() {
    }

    @Override
    protected void prepare(String schema) {
        hasLines = "SELECT 1 FROM " + schema + ".order_line WHERE order_id = ? FETCH FIRST 1 ROW ONLY";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (Objects.equals(value(oldRow, "customer_id"), value(newRow, "customer_id"))
                && Objects.equals(value(oldRow, "id"), value(newRow, "id"))) {
            return;
        }
        long orderId = longValue(oldRow, "id");
        if (queryValue(conn, hasLines, orderId).isPresent()) {
            throw refusal(Rule.ORDERS_CUSTOMER_FIXED, "order " + orderId + " has lines and cannot change its customer or id",
                    "order_id", orderId, "customer_id", value(oldRow, "customer_id"));
        }
    }
}
