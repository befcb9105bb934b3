package org.ecommerce.dao.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a delivery stands. Allowed moves: pending to postponed, delivered or cancelled; postponed
 * to pending, delivered or cancelled. Delivered and cancelled are final. The database enforces the
 * same transitions.
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

    /** The statuses this one may move to. */
    public Set<DeliveryStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(POSTPONED, DELIVERED, CANCELLED);
            case POSTPONED -> EnumSet.of(PENDING, DELIVERED, CANCELLED);
            case DELIVERED, CANCELLED -> EnumSet.noneOf(DeliveryStatus.class);
        };
    }

    /** The value stored in the database. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a stored value. */
    public static DeliveryStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
