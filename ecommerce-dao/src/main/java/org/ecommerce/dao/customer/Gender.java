package org.ecommerce.dao.customer;

/** A customer's gender, as they chose to state it. */
public enum Gender {
    /** Female. */
    FEMALE,
    /** Male. */
    MALE,
    /** Non-binary. */
    NON_BINARY,
    /** Not stated. */
    UNDISCLOSED;

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The gender for a stored value. */
    public static Gender ofDbValue(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
