package org.ecommerce.schema.h2;

import org.ecommerce.schema.rules.Rule;

/** A gift card row stays with its payment method; see {@link PaymentSubtypeKept}. */
public final class GiftCardKept extends PaymentSubtypeKept {

    /** Creates the trigger; H2 instantiates it by class name. */
    public GiftCardKept() {
        super(Rule.GIFT_CARD_KEPT, "gift_card");
    }
}
