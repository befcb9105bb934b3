package org.ecommerce.dao.basket;

import java.math.BigDecimal;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.customer.Address;

/**
 * How to pay for a basket.
 *
 * @param paymentMethodId one of the customer's payment methods
 * @param deduction       optional discount
 * @param deliveryAddress the customer's address when null
 * @param idempotencyKey  optional: a retried checkout with the same key returns the first order
 */
public record Checkout(long paymentMethodId, BigDecimal deduction, Address deliveryAddress, String idempotencyKey) {

    /** Validates the fields. */
    public Checkout {
        Validation.id("paymentMethodId", paymentMethodId);
        if (deliveryAddress != null) {
            deliveryAddress.validate();
        }
        deduction = deduction == null ? null : Validation.money("deduction", deduction);
        Validation.optionalText("idempotencyKey", idempotencyKey, 100);
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            throw new ValidationException("idempotencyKey", "must not be blank");
        }
    }

    /** Pay with {@code paymentMethodId}, no deduction, to the customer's address. */
    public static Checkout with(long paymentMethodId, String idempotencyKey) {
        return new Checkout(paymentMethodId, null, null, idempotencyKey);
    }
}
