package org.ecommerce.dao.recommendation;

/**
 * A recommended product.
 *
 * @param productId the product
 * @param score     how strongly it is recommended; only comparable within one answer (a ranking,
 *                  not a probability), rounded to 12 decimals so that both engines rank alike
 */
public record Recommendation(long productId, double score) {
}
