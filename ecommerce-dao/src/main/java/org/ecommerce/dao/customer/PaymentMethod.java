package org.ecommerce.dao.customer;

/**
 * A way a customer pays: a {@link CreditCard} or a {@link GiftCard}, never both.
 */
public sealed interface PaymentMethod permits CreditCard, GiftCard {

    /** The payment method's id (what orders reference). */
    long id();

    /** The owning customer. */
    long customerId();

    /** Whether this is the customer's default payment method. */
    boolean isDefault();
}
