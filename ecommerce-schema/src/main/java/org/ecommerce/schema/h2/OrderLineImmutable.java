package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What was sold stays sold: order lines cannot be updated or deleted.
 * H2 twin of PostgreSQL's {@code order_line_immutable()}.
 */
public final class OrderLineImmutable extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderLineImmutable() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw refusal("order_line_immutable",
                "order lines cannot be changed or deleted (order " + longValue(oldRow, "order_id") + ")");
    }
}
