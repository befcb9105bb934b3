package org.ecommerce.dao;

/**
 * Sign-in was tried for a customer who has no password yet (an account registered or imported
 * without one). The customer cannot sign in until a password is set with
 * {@code customers().setPassword(customerId, password)}.
 */
public final class PasswordNotSetException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long customerId;

    /** @param customerId the customer who has no password yet */
    public PasswordNotSetException(long customerId) {
        super("customer " + customerId + " has no password yet: set one with setPassword before signing in");
        this.customerId = customerId;
    }

    /** The customer who has no password yet. */
    public long customerId() {
        return customerId;
    }
}
