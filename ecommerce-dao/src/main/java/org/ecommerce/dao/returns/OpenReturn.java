package org.ecommerce.dao.returns;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A request to return part or all of an order.
 *
 * @param orderId     the id of the order
 * @param items       one or more products of the order, each at most once
 * @param reason      optional, at most 500 characters
 * @param daysToReturn days the customer has to send the goods back (1 to 365)
 */
public record OpenReturn(long orderId, List<ReturnItem> items, String reason, int daysToReturn) {

    /** Validates the request. */
    public OpenReturn {
        Validation.id("orderId", orderId);
        if (items == null || items.isEmpty()) {
            throw new ValidationException("items", "must contain at least one item");
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new ValidationException("items[" + i + "]", "is required");
            }
            if (!seen.add(items.get(i).productId())) {
                throw new ValidationException("items[" + i + "].productId", "appears twice");
            }
        }
        items = List.copyOf(items);
        Validation.optionalText("reason", reason, 500);
        Validation.noCardNumber("reason", reason);
        if (daysToReturn < 1 || daysToReturn > 365) {
            throw new ValidationException("daysToReturn", "must be between 1 and 365");
        }
    }

    /** A return of the given items with 30 days to send them back. */
    public static OpenReturn of(long orderId, String reason, ReturnItem... items) {
        return new OpenReturn(orderId, items == null ? null : Arrays.asList(items), reason, 30);
    }
}
