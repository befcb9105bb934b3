package org.ecommerce.dao.review;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A review to add.
 *
 * @param customerId who writes it; must have bought the product
 * @param productId  what it is about
 * @param rating     1 to 5
 * @param body       optional text, at most 4000 characters
 */
public record AddReview(long customerId, long productId, int rating, String body) {

    /** Validates every field. */
    public AddReview {
        Validation.id("customerId", customerId);
        Validation.id("productId", productId);
        if (rating < 1 || rating > 5) {
            throw new ValidationException("rating", "must be between 1 and 5");
        }
        Validation.optionalText("body", body, 4000);
        Validation.noCardNumber("body", body);
    }
}
