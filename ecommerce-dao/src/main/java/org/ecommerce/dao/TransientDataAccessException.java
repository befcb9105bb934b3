package org.ecommerce.dao;

/**
 * The operation failed for a reason that may pass: the connection was lost, the server shut the
 * session down, or a serialization failure or deadlock persisted through every retry. The
 * transaction was rolled back. Retrying is safe for operations with an idempotency key.
 */
public final class TransientDataAccessException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the database error
     */
    public TransientDataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
