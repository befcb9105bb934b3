package org.ecommerce.dao;

/**
 * Base of every error the library reports: a business rule or bad input refused the operation, or
 * the database or its connection failed in a way that may pass ({@link TransientDataAccessException}
 * and its subtypes, such as {@link CommitOutcomeUnknownException}). Catch a subtype to handle one
 * case, or this type to handle them all; an untyped {@code SQLException} or jOOQ
 * {@code DataAccessException} never stands for a business rule.
 *
 * <p>When one is thrown from a transaction the library owns (a call on its own, or
 * {@link Ecommerce#inTransaction inTransaction} as a whole), that transaction was rolled back and
 * nothing of it was written, except that after a {@link CommitOutcomeUnknownException} it may have
 * committed. When a call throws one inside {@code inTransaction}'s work,
 * {@link Ecommerce#joinTransaction joinTransaction} or a transaction the caller owns, only that
 * call was undone (rolled back to its savepoint): the transaction's earlier writes stay, to be
 * committed or rolled back with it ({@link TransientDataAccessException#retryTransaction()} says
 * when it must be rolled back and run again).
 */
public abstract sealed class EcommerceException extends RuntimeException
        permits NotFoundException, ValidationException, DuplicateException, OutOfStockException,
        InsufficientBalanceException, ReviewNotAllowedException, InvalidStatusTransitionException,
        ReturnExceedsPurchaseException, RuleViolationException, TransientDataAccessException,
        PasswordNotSetException {

    private static final long serialVersionUID = 1L;

    EcommerceException(String message) {
        super(message);
    }

    EcommerceException(String message, Throwable cause) {
        super(message, cause);
    }
}
