package org.ecommerce.schema.h2;

import org.ecommerce.schema.rules.Rule;

/** A delivery's status moves as {@code status_transition} allows; see {@link StatusTransition}. */
public final class DeliveryStatusTransition extends StatusTransition {

    /** Creates the trigger; H2 instantiates it by class name. */
    public DeliveryStatusTransition() {
        super(Rule.DELIVERY_STATUS_TRANSITION, "delivery", "delivery");
    }
}
