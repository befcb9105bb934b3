package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

import org.ecommerce.schema.rules.Rule;

/**
 * Only a customer with an order containing the product may review it.
 * H2 twin of PostgreSQL's {@code review_requires_purchase()}.
 */
public final class ReviewRequiresPurchase extends RuleTrigger {

    private String findPurchase;

    /** Creates the trigger; H2 instantiates it by class name. */
    public ReviewRequiresPurchase() {
    }

    @Override
    protected void prepare(String schema) {
        findPurchase = "SELECT 1 FROM " + schema + ".orders o JOIN " + schema + ".order_line l ON l.order_id = o.id "
                + "WHERE o.customer_id = ? AND l.product_id = ? LIMIT 1";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        long customerId = longValue(newRow, "customer_id");
        long productId = longValue(newRow, "product_id");
        if (oldRow != null && longValue(oldRow, "customer_id") == customerId
                && longValue(oldRow, "product_id") == productId) {
            // neither changed: H2 fires on every UPDATE, PostgreSQL only when either is set, and
            // the unchanged pair was already checked
            return;
        }
        if (queryValue(conn, findPurchase, customerId, productId).isEmpty()) {
            throw refusal(Rule.REVIEW_REQUIRES_PURCHASE,
                    "customer " + customerId + " has not bought product " + productId,
                    "customer_id", customerId, "product_id", productId);
        }
    }
}
