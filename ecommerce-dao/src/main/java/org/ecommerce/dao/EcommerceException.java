package org.ecommerce.dao;

/**
 * Base of every error the library reports for a business rule or bad input. Catch a subtype to
 * handle one case, or this type to handle them all; an untyped {@code SQLException} or jOOQ
 * {@code DataAccessException} never stands for a business rule.
 *
 * <p>When one of these is thrown, the operation's transaction was rolled back: nothing was written.
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
