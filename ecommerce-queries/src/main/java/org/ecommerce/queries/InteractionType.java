package org.ecommerce.queries;

import org.ecommerce.dao.interaction.InteractionKind;

/**
 * The kinds of interaction the schema records (table {@code interaction_type}).
 *
 * @deprecated use {@link InteractionKind}, which the repositories take too, and
 *             {@link TopCustomersByInteractions#ofKinds}
 */
@Deprecated(since = "0.1.0")
public enum InteractionType {
    /** {@link InteractionKind#VIEW}. */
    VIEW,
    /** {@link InteractionKind#CLICK}. */
    CLICK,
    /** {@link InteractionKind#ADD_TO_CART}. */
    ADD_TO_CART,
    /** {@link InteractionKind#PURCHASE}. */
    PURCHASE,
    /** {@link InteractionKind#REVIEW}. */
    REVIEW;

    /** The same kind as an {@link InteractionKind}. */
    public InteractionKind kind() {
        return InteractionKind.valueOf(name());
    }

    /** The name stored in {@code interaction_type.name}. */
    public String dbValue() {
        return kind().dbValue();
    }
}
