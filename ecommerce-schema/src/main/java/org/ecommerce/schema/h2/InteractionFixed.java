package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * An interaction never changes its customer, product, type or time: its score counted them.
 * H2 twin of PostgreSQL's {@code interaction_fixed()}.
 */
public final class InteractionFixed extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public InteractionFixed() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        for (String column : new String[] {"customer_id", "product_id", "type_id", "occurred_at"}) {
            if (!same(value(oldRow, column), value(newRow, column))) {
                throw refusal(Rule.INTERACTION_FIXED, "interaction " + value(oldRow, "id")
                                + " cannot change its customer, product, type or time",
                        "interaction_id", value(oldRow, "id"));
            }
        }
    }

    /** Equal values; times equal as instants, as PostgreSQL compares them whatever their offsets. */
    private static boolean same(Object before, Object after) {
        if (before instanceof OffsetDateTime b && after instanceof OffsetDateTime a) {
            return b.isEqual(a);
        }
        return Objects.equals(before, after);
    }
}
