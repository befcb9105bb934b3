package org.ecommerce.schema.h2;

import org.ecommerce.schema.rules.Rule;

/** A credit card row stays with its payment method; see {@link PaymentSubtypeKept}. */
public final class CreditCardKept extends PaymentSubtypeKept {

    /** Creates the trigger; H2 instantiates it by class name. */
    public CreditCardKept() {
        super(Rule.CREDIT_CARD_KEPT, "credit_card");
    }
}
