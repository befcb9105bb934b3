package org.ecommerce.dao;

/** A value that must be unique is taken (an email, a brand name, a gift-card serial...). */
public final class DuplicateException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the field whose value is taken, e.g. {@code "email"}
     */
    public DuplicateException(String field) {
        super(field + ": already taken");
        this.field = field;
    }

    /** The field whose value is taken. */
    public String field() {
        return field;
    }
}
