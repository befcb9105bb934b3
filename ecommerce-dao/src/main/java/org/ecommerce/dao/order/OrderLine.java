package org.ecommerce.dao.order;

import java.math.BigDecimal;

/**
 * One line of a placed order.
 *
 * @param productId the product
 * @param quantity  units bought
 * @param unitPrice the price when the order was placed
 * @param subtotal  quantity × unit price
 */
public record OrderLine(long productId, int quantity, BigDecimal unitPrice, BigDecimal subtotal) {
}
