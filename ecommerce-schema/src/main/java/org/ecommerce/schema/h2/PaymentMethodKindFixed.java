package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A payment method stays the kind it was created as. H2 twin of PostgreSQL's
 * {@code payment_method_kind_fixed()}.
 */
public final class PaymentMethodKindFixed extends RuleTrigger {

    /** Creates the trigger; H2 instantiates it by class name. */
    public PaymentMethodKindFixed() {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object kind = value(oldRow, "kind");
        if (!Objects.equals(kind, value(newRow, "kind")) || !Objects.equals(value(oldRow, "id"), value(newRow, "id"))) {
            Object method = value(oldRow, "id");
            throw refusal(Rule.PAYMENT_METHOD_KIND_FIXED, "payment method " + method + " is a " + kind + " and stays one, under its id",
                    "payment_method_id", method, "kind", kind);
        }
    }
}
