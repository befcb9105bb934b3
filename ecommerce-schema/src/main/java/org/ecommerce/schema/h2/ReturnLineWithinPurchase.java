package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.ecommerce.schema.rules.Rule;
import org.ecommerce.schema.rules.RuleRefusal;

/**
 * Return lines change only while their return is pending, and a product is never returned more
 * often than it was bought (pending and completed returns count). The order line is locked
 * first so that concurrent returns of one line are checked in turn.
 * H2 twin of PostgreSQL's {@code return_line_within_purchase()}.
 *
 * <p>It fires before each row, and after each updated row once more: H2 runs an UPDATE's
 * before-row triggers for all its rows before it writes any, so before the row a statement
 * raising several lines of one order sees the others at their old quantities; after the rows are
 * written the total returned is checked as written.
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
        if (!firesBefore()) {
            checkWritten(conn, newRow);
            return;
        }
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
            throw exceeds(orderId, productId, boughtQuantity, returned, quantity);
        }
    }

    /** After an updated row is written: the units returned of its order line, this row's included, as written. */
    private void checkWritten(Connection conn, Object[] newRow) throws SQLException {
        long orderId = longValue(newRow, "order_id");
        long productId = longValue(newRow, "product_id");
        long quantity = longValue(newRow, "quantity");
        long returnId = longValue(newRow, "return_id");
        long bought = ((Number) queryValue(conn, lockBought, orderId, productId).orElseThrow()).longValue();
        long returned = ((Number) queryValue(conn, sumReturned, orderId, productId, returnId, true)
                .orElseThrow()).longValue();
        if (returned + quantity > bought) {
            throw exceeds(orderId, productId, bought, returned, quantity);
        }
    }

    private static RuleRefusal exceeds(long orderId, long productId, long bought, long returned, long requested) {
        return refusal(Rule.RETURN_EXCEEDS_PURCHASE, "order " + orderId + " bought " + bought
                        + " of product " + productId + ", " + returned + " already returned, " + requested + " more requested",
                "order_id", orderId, "product_id", productId, "bought", bought, "returned", returned,
                "requested", requested);
    }
}
