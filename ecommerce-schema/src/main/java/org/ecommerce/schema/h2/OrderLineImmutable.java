package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

import org.ecommerce.schema.rules.Rule;

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
        throw refusal(Rule.ORDER_LINE_IMMUTABLE,
                "order lines cannot be changed or deleted (order " + longValue(oldRow, "order_id") + ")",
                "order_id", value(oldRow, "order_id"), "product_id", value(oldRow, "product_id"));
    }
}
