package org.ecommerce.dao.returns;

import java.math.BigDecimal;

/**
 * One product of a return.
 *
 * @param productId the product
 * @param quantity  units returned
 * @param unitPrice the price paid for each
 */
public record ReturnLine(long productId, int quantity, BigDecimal unitPrice) {
}
