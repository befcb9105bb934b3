package org.ecommerce.dao.interaction;

import java.util.Locale;

/**
 * The kinds of interaction the schema knows, for {@link InteractionRepository#record(long, long,
 * InteractionKind, java.time.Instant)} and the analytics that filter by kind. Each has a row in
 * table {@code interaction_type}, whose weight {@link InteractionRepository#changeWeight} changes
 * (that row, with its weight, is an {@link InteractionType}).
 */
public enum InteractionKind {
    /** A product page was seen. */
    VIEW,
    /** Something on the product was clicked (pictures, details, a recommendation). */
    CLICK,
    /** The product was put in the basket. */
    ADD_TO_CART,
    /** The product was bought (recorded by the order repository for every order line). */
    PURCHASE,
    /** The product was reviewed (recorded by the review repository). */
    REVIEW;

    /** The name stored in {@code interaction_type.name}, the same as {@link InteractionType#name()}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
