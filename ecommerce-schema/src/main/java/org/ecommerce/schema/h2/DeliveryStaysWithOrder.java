package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A delivery belongs to its order for good: it is never deleted or moved to another order
 * (cancelling is a status). H2 twin of PostgreSQL's {@code delivery_stays_with_order()}.
 */
public final class DeliveryStaysWithOrder extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public DeliveryStaysWithOrder() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null || !Objects.equals(value(oldRow, "order_id"), value(newRow, "order_id"))) {
            throw refusal(Rule.DELIVERY_STAYS_WITH_ORDER, "delivery " + value(oldRow, "id") + " of order "
                            + value(oldRow, "order_id") + " cannot be deleted or moved",
                    "delivery_id", value(oldRow, "id"), "order_id", value(oldRow, "order_id"));
        }
    }
}
