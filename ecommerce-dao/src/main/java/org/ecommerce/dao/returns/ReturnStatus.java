package org.ecommerce.dao.returns;

import java.util.Locale;

/** Where a return stands: pending until it is denied, completed or cancelled (all three final). */
public enum ReturnStatus {
    /** Opened, awaiting the goods or a decision. */
    PENDING,
    /** Refused (final). */
    DENIED,
    /** Goods back in stock, refund due (final). */
    COMPLETED,
    /** Withdrawn by the customer (final). */
    CANCELLED;

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a stored value. */
    public static ReturnStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
