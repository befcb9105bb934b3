package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.ecommerce.schema.rules.Rule;

/**
 * A payment method being written claims its card row (sets its invisible column {@code claimed}),
 * so that a concurrent deletion of that row waits for it and then finds the method, or fails as a
 * concurrent update at REPEATABLE READ and above. H2's foreign keys take no lock on the row they
 * reference, and H2 lets a transaction delete a row that another only locked
 * ({@code SELECT ... FOR UPDATE}) or rewrote unchanged. H2 twin of PostgreSQL's
 * {@code payment_method_card_locked()}.
 */
public final class PaymentMethodCardLocked extends RuleTrigger {

    private String claimCreditCard;
    private String claimGiftCard;

    /** Creates the trigger; H2 instantiates it by class name. */
    public PaymentMethodCardLocked() {
    }

    @Override
    protected void prepare(String schema) {
        claimCreditCard = "UPDATE " + schema + ".credit_card SET claimed = TRUE WHERE payment_method_id = ?";
        claimGiftCard = "UPDATE " + schema + ".gift_card SET claimed = TRUE WHERE payment_method_id = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object kind = value(newRow, "kind");
        Object method = value(newRow, "id");
        if ("credit_card".equals(kind) && claimed(conn, claimCreditCard, method) == 0) {
            throw refusal(Rule.PAYMENT_METHOD_CREDIT_CARD_FK, "payment method " + method + " has no credit_card row");
        }
        if ("gift_card".equals(kind) && claimed(conn, claimGiftCard, method) == 0) {
            throw refusal(Rule.PAYMENT_METHOD_GIFT_CARD_FK, "payment method " + method + " has no gift_card row");
        }
    }

    private static int claimed(Connection conn, String sql, Object method) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, method);
            return ps.executeUpdate();
        }
    }
}
