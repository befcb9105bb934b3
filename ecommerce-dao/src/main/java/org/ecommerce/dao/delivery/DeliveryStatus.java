package org.ecommerce.dao.delivery;

import java.util.Locale;

/**
 * Where a delivery stands. Which moves are allowed is the database's rule, kept as rows of its
 * table {@code status_transition}: pending to postponed, delivered or cancelled; postponed to
 * pending, delivered or cancelled; delivered and cancelled are final.
 */
public enum DeliveryStatus {
    /** Not yet delivered. */
    PENDING,
    /** Delayed. */
    POSTPONED,
    /** Handed over (final). */
    DELIVERED,
    /** Will not be delivered (final). */
    CANCELLED;

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a stored value. */
    public static DeliveryStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
