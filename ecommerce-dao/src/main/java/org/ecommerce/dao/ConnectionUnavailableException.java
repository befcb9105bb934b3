package org.ecommerce.dao;

/**
 * No connection could be had for the operation: the pool timed out waiting for a free one, or the
 * database refused or did not answer a new one. Nothing was sent to the database, so the operation
 * may be run again as it is ({@link #safeToRetry()} is true), once the pool or the database can
 * serve again.
 */
public final class ConnectionUnavailableException extends TransientDataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened
     * @param cause   the pool's or driver's error
     */
    public ConnectionUnavailableException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
