package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A payment method keeps its credit card or gift card row: the row goes only with its supertype
 * and never moves to another method. H2 twin of PostgreSQL's {@code payment_subtype_kept()}.
 */
abstract class PaymentSubtypeKept extends RuleTrigger {

    private final Rule rule;
    private final String subtype;
    private String supertypeExists;

    PaymentSubtypeKept(Rule rule, String subtype) {
        this.rule = rule;
        this.subtype = subtype;
    }

    @Override
    protected void prepare(String schema) {
        supertypeExists = "SELECT 1 FROM " + schema + ".payment_method WHERE id = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object method = value(oldRow, "payment_method_id");
        boolean refused = newRow != null
                ? !Objects.equals(method, value(newRow, "payment_method_id"))
                : queryValue(conn, supertypeExists, method).isPresent();
        if (refused) {
            throw refusal(rule, "payment method " + method + " cannot lose its " + subtype + " row",
                    "payment_method_id", method);
        }
    }
}
