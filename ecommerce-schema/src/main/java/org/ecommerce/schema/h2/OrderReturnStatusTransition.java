package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A return goes from pending to denied, completed or cancelled, and those are final.
 * H2 twin of PostgreSQL's {@code order_return_status_transition()}.
 */
public final class OrderReturnStatusTransition extends RuleTrigger {

    private static final Set<String> KNOWN = Set.of("pending", "denied", "completed", "cancelled");

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnStatusTransition() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String from = stringValue(oldRow, "status");
        String to = stringValue(newRow, "status");
        // an unknown status is left to order_return_status_known
        if (!from.equals(to) && !from.equals("pending") && KNOWN.contains(to)) {
            throw refusal("order_return_status_transition",
                    "return " + value(oldRow, "id") + " cannot go from " + from + " to " + to);
        }
    }
}
