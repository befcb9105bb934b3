package org.ecommerce.dao;

/**
 * The connection was lost while the database was committing the transaction: it may have
 * committed or not, and only the database can tell. An order placed with an idempotency key is
 * safe to place again with the same key: the retry returns the order if the commit went through
 * and places it if it did not. Work without such a key must be looked up before it is repeated.
 *
 * <p>After a failover this is also what a commit that the old primary never confirmed looks like:
 * with a synchronous standby a confirmed commit survives the failover, an unconfirmed one may or
 * may not.
 */
public final class CommitOutcomeUnknownException extends TransientDataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened
     * @param cause   the database error
     */
    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
