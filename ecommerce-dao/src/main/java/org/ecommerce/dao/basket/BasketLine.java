package org.ecommerce.dao.basket;

import java.math.BigDecimal;

/**
 * One product in a basket, at its current price.
 *
 * @param productId   the product
 * @param productName its name
 * @param quantity    units wanted
 * @param unitPrice   the product's current price
 * @param subtotal    quantity × unit price
 * @param inStock     whether the stock covers the quantity right now
 */
public record BasketLine(long productId, String productName, int quantity, BigDecimal unitPrice, BigDecimal subtotal,
                         boolean inStock) {
}
