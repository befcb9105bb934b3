package org.ecommerce.dao.order;

import org.ecommerce.dao.Validation;

/**
 * One product and how many of it to buy.
 *
 * @param productId an existing product
 * @param quantity  at least 1
 */
public record OrderItem(long productId, int quantity) {

    /** Validates both fields. */
    public OrderItem {
        Validation.id("productId", productId);
        Validation.positive("quantity", quantity);
    }
}
