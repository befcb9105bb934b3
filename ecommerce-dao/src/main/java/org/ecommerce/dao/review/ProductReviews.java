package org.ecommerce.dao.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * A page of a product's reviews with the figures over all of them.
 *
 * @param productId     the product
 * @param reviews       the requested page, newest first
 * @param count         how many reviews the product has
 * @param averageRating the mean rating over all of them, two decimals; null when there are none
 */
public record ProductReviews(long productId, List<Review> reviews, long count, BigDecimal averageRating) {

    /** Makes the list immutable. */
    public ProductReviews {
        reviews = List.copyOf(reviews);
    }
}
