package org.ecommerce.dao.returns;

import org.ecommerce.dao.Validation;

/**
 * Units of one product of the order to send back.
 *
 * @param productId a product of the order
 * @param quantity  at least 1
 */
public record ReturnItem(long productId, int quantity) {

    /** Validates both fields. */
    public ReturnItem {
        Validation.id("productId", productId);
        Validation.positive("quantity", quantity);
    }
}
