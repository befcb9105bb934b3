package org.ecommerce.dao.interaction;

import java.time.Instant;

/**
 * A recorded interaction of a customer with a product.
 *
 * @param id         the interaction's id
 * @param customerId who interacted
 * @param productId  with which product
 * @param type       the interaction type's name, e.g. {@code "view"}
 * @param occurredAt when
 */
public record Interaction(long id, long customerId, long productId, String type, Instant occurredAt) {
}
