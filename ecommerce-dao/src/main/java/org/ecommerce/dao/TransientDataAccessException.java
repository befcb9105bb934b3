package org.ecommerce.dao;

/**
 * The operation failed for a reason that may pass: the connection was lost, the server shut the
 * session down, a statement ran past its timeout, or a serialization failure or deadlock persisted
 * through every retry. {@link #safeToRetry()} says whether running the work again is safe.
 *
 * <p>Two cases have types of their own: {@link CommitOutcomeUnknownException} when the connection
 * was lost during the commit (the outcome is unknown: retry only with the same idempotency key),
 * and {@link ConnectionUnavailableException} when no connection could be had at all (nothing was
 * sent: safe to retry).
 *
 * <p>Stand-alone (a transaction per call or {@code inTransaction}), the library's transaction was
 * rolled back. Inside a transaction the caller owns, only the failed call was undone (back to its
 * savepoint); when {@link #retryTransaction()} is true the caller must roll back its transaction
 * and run it again as a whole, because the database will refuse the rest of it or its snapshot is
 * stale.
 *
 * <p>Not Spring's {@code org.springframework.dao.TransientDataAccessException}, which has the same
 * simple name: in a Spring service, catch this one by its full name or as {@link EcommerceException}.
 */
public sealed class TransientDataAccessException extends EcommerceException permits StatementTimeoutException,
        CommitOutcomeUnknownException, ConnectionUnavailableException {

    private static final long serialVersionUID = 1L;

    private final boolean safeToRetry;
    private final boolean retryTransaction;

    /**
     * A failure whose outcome may be unknown (a lost connection): retry only operations with an
     * idempotency key.
     *
     * @param message what happened
     * @param cause the database error
     */
    public TransientDataAccessException(String message, Throwable cause) {
        this(message, cause, false, false);
    }

    /**
     * Creates the exception.
     *
     * @param message          what happened
     * @param cause            the database error
     * @param safeToRetry      whether the database guarantees that nothing of the operation was committed
     * @param retryTransaction whether the caller's own transaction must be rolled back and run again
     */
    public TransientDataAccessException(String message, Throwable cause, boolean safeToRetry, boolean retryTransaction) {
        super(message, cause);
        this.safeToRetry = safeToRetry;
        this.retryTransaction = retryTransaction;
    }

    /**
     * Whether the database guarantees that nothing of the failed operation was committed, so that
     * it may be run again as it is (a serialization failure, a deadlock, a timeout). False when the
     * connection was lost: the outcome of a commit in flight is unknown, and only operations with
     * an idempotency key are safe to repeat.
     */
    public boolean safeToRetry() {
        return safeToRetry;
    }

    /**
     * Whether the transaction the caller owns must be rolled back and run again as a whole (a
     * serialization failure or deadlock inside it). Always false for the library's own
     * transactions, which it has already retried.
     */
    public boolean retryTransaction() {
        return retryTransaction;
    }
}
