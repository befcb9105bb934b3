package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

import org.ecommerce.schema.rules.Rule;

/**
 * A return is deleted only while pending: a completed one has put its units back in stock.
 * H2 twin of PostgreSQL's {@code order_return_closed_kept()}.
 */
public final class OrderReturnClosedKept extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnClosedKept() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String status = stringValue(oldRow, "status");
        if (!"pending".equals(status)) {
            throw refusal(Rule.ORDER_RETURN_CLOSED_KEPT, "return " + value(oldRow, "id") + " is " + status
                    + " and cannot be deleted", "return_id", value(oldRow, "id"), "status", status);
        }
    }
}
