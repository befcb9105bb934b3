package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.ecommerce.schema.rules.Rule;

/**
 * Selling takes stock: once an order line is inserted, its units are taken from the product (after
 * the insert, so that a row skipped by {@code ON CONFLICT DO NOTHING} takes none). The guarded
 * UPDATE queues concurrent buyers on the product row, so stock is never oversold.
 * H2 twin of PostgreSQL's {@code order_line_take_stock()}.
 */
public final class OrderLineTakeStock extends RuleTrigger {

    private String takeStock;
    private String stockOf;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderLineTakeStock() {
    }

    @Override
    protected void prepare(String schema) {
        takeStock = "UPDATE " + schema + ".product SET stock = stock - ? WHERE id = ? AND stock >= ?";
        stockOf = "SELECT stock FROM " + schema + ".product WHERE id = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        long productId = longValue(newRow, "product_id");
        long quantity = longValue(newRow, "quantity");
        int taken = update(conn, takeStock, quantity, productId, quantity);
        if (taken == 0) {
            // an unknown product is left to order_line_product_fk
            Optional<Object> available = queryValue(conn, stockOf, productId);
            if (available.isPresent()) {
                throw refusal(Rule.OUT_OF_STOCK, "product " + productId + " has fewer than " + quantity + " units in stock",
                        "product_id", productId, "requested", quantity, "available", available.get());
            }
        }
    }
}
