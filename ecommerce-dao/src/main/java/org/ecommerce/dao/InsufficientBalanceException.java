package org.ecommerce.dao;

/** A gift card's balance does not cover the amount to pay. Nothing was charged. */
public final class InsufficientBalanceException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long paymentMethodId;

    /**
     * Creates the exception.
     *
     * @param paymentMethodId the gift card's payment method id
     */
    public InsufficientBalanceException(long paymentMethodId) {
        super("gift card " + paymentMethodId + " has an insufficient balance");
        this.paymentMethodId = paymentMethodId;
    }

    /** The gift card's payment method id. */
    public long paymentMethodId() {
        return paymentMethodId;
    }
}
