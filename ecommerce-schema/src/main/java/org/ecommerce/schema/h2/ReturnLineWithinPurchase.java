package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.ecommerce.schema.rules.Rule;

/**
 * Return lines change only while their return is pending, and a product is never returned more
 * often than it was bought (pending and completed returns count). The order line is locked
 * first so that concurrent returns of one line are checked in turn.
 * H2 twin of PostgreSQL's {@code return_line_within_purchase()}.
 */
public final class ReturnLineWithinPurchase extends RuleTrigger {

    private String returnStatus;
    private String lockBought;
    private String sumReturned;

    /** Creates the trigger; H2 instantiates it by class name. */
    public ReturnLineWithinPurchase() {
    }

    @Override
    protected void prepare(String schema) {
        returnStatus = "SELECT status FROM " + schema + ".order_return WHERE id = ?";
        lockBought = "SELECT quantity FROM " + schema + ".order_line WHERE order_id = ? AND product_id = ? FOR UPDATE";
        sumReturned = "SELECT COALESCE(SUM(rl.quantity), 0) FROM " + schema + ".return_line rl "
                + "JOIN " + schema + ".order_return r ON r.id = rl.return_id "
                + "WHERE rl.order_id = ? AND rl.product_id = ? AND r.status IN ('pending', 'completed') "
                + "AND NOT (rl.return_id = ? AND ?)";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object[] line = newRow != null ? newRow : oldRow;
        long returnId = longValue(line, "return_id");
        Optional<Object> status = queryValue(conn, returnStatus, returnId);
        if (status.isPresent() && !"pending".equals(status.get())) {
            throw refusal(Rule.RETURN_LINE_RETURN_PENDING,
                    "return " + returnId + " is " + status.get() + " and can no longer change",
                    "return_id", returnId, "status", status.get());
        }
        if (newRow == null) {
            return; // a deletion from a pending return
        }
        long orderId = longValue(newRow, "order_id");
        long productId = longValue(newRow, "product_id");
        long quantity = longValue(newRow, "quantity");
        Optional<Object> bought = queryValue(conn, lockBought, orderId, productId);
        if (bought.isEmpty()) {
            // refused here rather than by the key itself, so that both engines name it alike (see the PostgreSQL V81)
            throw refusal(Rule.RETURN_LINE_ORDER_LINE_FK, "order " + orderId + " has no line of product " + productId);
        }
        long returned = ((Number) queryValue(conn, sumReturned, orderId, productId, returnId, oldRow != null)
                .orElseThrow()).longValue();
        long boughtQuantity = ((Number) bought.get()).longValue();
        if (returned + quantity > boughtQuantity) {
            throw refusal(Rule.RETURN_EXCEEDS_PURCHASE, "order " + orderId + " bought " + boughtQuantity
                    + " of product " + productId + ", " + returned + " already returned, " + quantity + " more requested",
                    "order_id", orderId, "product_id", productId, "bought", boughtQuantity, "returned", returned,
                    "requested", quantity);
        }
    }
}
