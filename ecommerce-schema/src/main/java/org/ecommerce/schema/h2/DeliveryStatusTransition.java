package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.ecommerce.schema.rules.Rule;

/**
 * A delivery's status moves along the allowed transitions only:
 * pending to postponed, delivered or cancelled; postponed to pending, delivered or cancelled.
 * H2 twin of PostgreSQL's {@code delivery_status_transition()}.
 */
public final class DeliveryStatusTransition extends RuleTrigger {

    private static final Set<String> KNOWN = Set.of("pending", "postponed", "delivered", "cancelled");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "pending", Set.of("postponed", "delivered", "cancelled"),
            "postponed", Set.of("pending", "delivered", "cancelled"));

    /** Creates the trigger; H2 instantiates it by class name. */
    public DeliveryStatusTransition() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String from = stringValue(oldRow, "status");
        String to = stringValue(newRow, "status");
        // H2 fires on every UPDATE, PostgreSQL only when status is set: an unchanged status
        // passes here as it does there. An unknown status is left to delivery_status_known.
        if (!from.equals(to) && KNOWN.contains(to) && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
            throw refusal(Rule.DELIVERY_STATUS_TRANSITION,
                    "delivery " + value(oldRow, "id") + " cannot go from " + from + " to " + to,
                    "delivery_id", value(oldRow, "id"), "from", from, "to", to);
        }
    }
}
