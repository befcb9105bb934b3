package org.ecommerce.dao;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database refused a write for a rule that has no more specific exception; {@link #rule()}
 * is the constraint or trigger rule name (for example {@code order_line_immutable}) and
 * {@link #fields()} what the rule reported, by name.
 */
public final class RuleViolationException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final Map<String, String> fields;

    /**
     * Creates the exception for a rule that reports no fields.
     *
     * @param rule the database rule
     * @param message the database's explanation
     * @param cause its error
     */
    public RuleViolationException(String rule, String message, Throwable cause) {
        this(rule, message, cause, Map.of());
    }

    /**
     * Creates the exception.
     *
     * @param rule the database rule
     * @param message the database's explanation
     * @param cause its error
     * @param fields the values the rule reported, by field name (e.g. {@code order_id})
     */
    public RuleViolationException(String rule, String message, Throwable cause, Map<String, String> fields) {
        super(rule + ": " + message, cause);
        this.rule = rule;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The constraint or trigger rule that refused the write. */
    public String rule() {
        return rule;
    }

    /** The values the rule reported, by field name; empty for constraints, which report none. */
    public Map<String, String> fields() {
        return fields;
    }
}
