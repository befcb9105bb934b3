package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A return line never moves to another return, order or product.
 * H2 twin of PostgreSQL's {@code return_line_identity_fixed()}.
 */
public final class ReturnLineIdentityFixed extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public ReturnLineIdentityFixed() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        for (String column : new String[] {"return_id", "order_id", "product_id"}) {
            if (!Objects.equals(value(oldRow, column), value(newRow, column))) {
                throw refusal(Rule.RETURN_LINE_IDENTITY_FIXED, "a line of return " + value(oldRow, "return_id")
                                + " cannot move to another return, order or product",
                        "return_id", value(oldRow, "return_id"), "order_id", value(oldRow, "order_id"),
                        "product_id", value(oldRow, "product_id"));
            }
        }
    }
}
