package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import org.ecommerce.schema.rules.Rule;

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
        // H2 fires on every UPDATE, PostgreSQL only when status is set: an unchanged status
        // passes here as it does there. An unknown status is left to order_return_status_known.
        if (!from.equals(to) && !from.equals("pending") && KNOWN.contains(to)) {
            throw refusal(Rule.ORDER_RETURN_STATUS_TRANSITION,
                    "return " + value(oldRow, "id") + " cannot go from " + from + " to " + to,
                    "return_id", value(oldRow, "id"), "from", from, "to", to);
        }
    }
}
