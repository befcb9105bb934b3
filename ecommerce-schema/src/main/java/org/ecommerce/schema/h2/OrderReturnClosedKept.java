package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A return is deleted or renumbered only while pending: a completed one has put its units back in stock.
 * H2 twin of PostgreSQL's {@code order_return_closed_kept()}.
 */
public final class OrderReturnClosedKept extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnClosedKept() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && Objects.equals(value(oldRow, "id"), value(newRow, "id"))) {
            return; // an update that keeps the id
        }
        String status = stringValue(oldRow, "status");
        if (!"pending".equals(status)) {
            throw refusal(Rule.ORDER_RETURN_CLOSED_KEPT, "return " + value(oldRow, "id") + " is " + status
                    + " and cannot be deleted or renumbered", "return_id", value(oldRow, "id"), "status", status);
        }
    }
}
