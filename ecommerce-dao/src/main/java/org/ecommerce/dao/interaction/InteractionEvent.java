package org.ecommerce.dao.interaction;

import java.time.Instant;

import org.ecommerce.dao.Validation;

/**
 * One interaction to record in bulk ({@link InteractionRepository#recordAll}): who, with which
 * product, of which type (by name, e.g. {@link InteractionType#VIEW}), and when.
 *
 * @param customerId who interacted
 * @param productId  with which product
 * @param type       an interaction type's name
 * @param at         when it happened
 */
public record InteractionEvent(long customerId, long productId, String type, Instant at) {

    /**
     * @throws org.ecommerce.dao.ValidationException if an id is not positive, the type is blank or
     *         longer than 32 characters, or {@code at} is missing or outside the days the schema holds
     */
    public InteractionEvent {
        Validation.id("customerId", customerId);
        Validation.id("productId", productId);
        Validation.text("type", type, 32);
        Validation.instant("at", at);
    }
}
