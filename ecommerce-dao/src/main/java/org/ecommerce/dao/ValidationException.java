package org.ecommerce.dao;

/** An input value is unacceptable; {@link #field()} names it. Thrown before anything is written. */
public final class ValidationException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field  the offending field, e.g. {@code "email"} or {@code "items[2].quantity"}
     * @param reason what is wrong with it, e.g. {@code "must be at most 254 characters"}
     */
    public ValidationException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The offending field. */
    public String field() {
        return field;
    }

    /** What is wrong with its value. */
    public String reason() {
        return reason;
    }
}
