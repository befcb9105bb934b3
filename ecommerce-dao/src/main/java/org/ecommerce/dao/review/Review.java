package org.ecommerce.dao.review;

import java.time.Instant;

/**
 * A customer's review of a product.
 *
 * @param id         the review's id
 * @param customerId the reviewer (a buyer of the product)
 * @param productId  the product
 * @param rating     1 to 5
 * @param body       the text, or null
 * @param reviewedAt when it was written
 */
public record Review(long id, long customerId, long productId, int rating, String body, Instant reviewedAt) {
}
