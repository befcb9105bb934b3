package org.ecommerce.schema.h2;

import org.ecommerce.schema.rules.Rule;

/** A return's status moves as {@code status_transition} allows; see {@link StatusTransition}. */
public final class OrderReturnStatusTransition extends StatusTransition {

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnStatusTransition() {
        super(Rule.ORDER_RETURN_STATUS_TRANSITION, "order_return", "return");
    }
}
