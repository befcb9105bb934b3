package org.ecommerce.queries;

import java.util.Locale;

/** The kinds of interaction the schema records (table {@code interaction_type}). */
public enum InteractionType {
    /** The customer looked at the product page. */
    VIEW,
    /** The customer clicked the product in a list or recommendation. */
    CLICK,
    /** The customer put the product in the basket. */
    ADD_TO_CART,
    /** The customer bought the product (recorded by every order line). */
    PURCHASE,
    /** The customer reviewed the product. */
    REVIEW;

    /** The name stored in {@code interaction_type.name}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
