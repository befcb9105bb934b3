package org.ecommerce.dao.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.customer.Address;

/**
 * A request to buy.
 *
 * @param customerId      who buys
 * @param paymentMethodId one of the customer's payment methods; a gift card is debited the grand total
 * @param items           one or more products; the same product given twice is bought once with the summed quantity
 * @param deduction       optional discount (a voucher, a loyalty credit), at most the order total
 * @param deliveryAddress where to deliver; the customer's address when null
 * @param idempotencyKey  optional, at most 100 characters: a retry with the same key returns the first order
 */
public record PlaceOrder(long customerId, long paymentMethodId, List<OrderItem> items, BigDecimal deduction,
                         Address deliveryAddress, String idempotencyKey) {

    /** Validates the request and merges repeated products. */
    public PlaceOrder {
        Validation.id("customerId", customerId);
        Validation.id("paymentMethodId", paymentMethodId);
        if (deliveryAddress != null) {
            deliveryAddress.validate();
        }
        if (items == null || items.isEmpty()) {
            throw new ValidationException("items", "must contain at least one item");
        }
        Map<Long, Integer> merged = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            OrderItem item = items.get(i);
            if (item == null) {
                throw new ValidationException("items[" + i + "]", "is required");
            }
            long sum = (long) merged.getOrDefault(item.productId(), 0) + item.quantity();
            if (sum > Integer.MAX_VALUE) {
                throw new ValidationException("items[" + i + "].quantity", "is too large");
            }
            merged.put(item.productId(), (int) sum);
        }
        List<OrderItem> distinct = new ArrayList<>();
        merged.forEach((product, quantity) -> distinct.add(new OrderItem(product, quantity)));
        items = List.copyOf(distinct);
        deduction = deduction == null ? null : Validation.money("deduction", deduction);
        Validation.optionalText("idempotencyKey", idempotencyKey, 100);
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            throw new ValidationException("idempotencyKey", "must not be blank");
        }
    }

    /** An order of the given items, without deduction, to the customer's address, with an idempotency key. */
    public static PlaceOrder of(long customerId, long paymentMethodId, String idempotencyKey, OrderItem... items) {
        return new PlaceOrder(customerId, paymentMethodId, items == null ? null : Arrays.asList(items), null, null, idempotencyKey);
    }
}
