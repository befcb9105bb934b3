package org.ecommerce.dao;

/**
 * A statement ran longer than the library's statement timeout
 * ({@code Ecommerce.builder(ds).statementTimeout(...)}) and the database cancelled it. Nothing of
 * the operation was committed; running it again is safe, though it may time out again.
 */
public final class StatementTimeoutException extends TransientDataAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the database said
     * @param cause   the database error
     */
    public StatementTimeoutException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * Creates the exception for a statement cancelled inside a transaction the caller owns.
     *
     * @param message          what the database said
     * @param cause            the database error
     * @param retryTransaction whether the cancellation left the caller's transaction unable to go on (PostgreSQL
     *                         without a savepoint), so that it must be rolled back and run again
     */
    public StatementTimeoutException(String message, Throwable cause, boolean retryTransaction) {
        super("a statement ran past the statement timeout and was cancelled: " + message, cause, true, retryTransaction);
    }
}
