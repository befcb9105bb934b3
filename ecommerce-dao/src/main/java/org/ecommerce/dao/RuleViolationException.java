package org.ecommerce.dao;

/**
 * The database refused a write for a rule that has no more specific exception; {@link #rule()}
 * is the constraint or trigger name (for example {@code order_line_immutable}).
 */
public final class RuleViolationException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    /**
     * Creates the exception.
     *
     * @param rule the database rule
     * @param message the database's explanation
     * @param cause its error
     */
    public RuleViolationException(String rule, String message, Throwable cause) {
        super(rule + ": " + message, cause);
        this.rule = rule;
    }

    /** The constraint or trigger that refused the write. */
    public String rule() {
        return rule;
    }
}
