package org.ecommerce.dao.review;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.ReviewNotAllowedException;

/**
 * Product reviews, written only by buyers.
 */
public interface ReviewRepository {

    /**
     * Adds a review and records a review interaction.
     *
     * @throws NotFoundException          if the customer or the product does not exist
     * @throws ReviewNotAllowedException  if the customer has no order containing the product
     */
    Review add(AddReview review);

    /**
     * A page of the product's reviews, newest first, with count and average rating.
     *
     * @throws NotFoundException if there is no such product
     */
    ProductReviews forProduct(long productId, PageRequest page);
}
