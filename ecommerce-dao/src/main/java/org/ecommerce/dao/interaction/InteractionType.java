package org.ecommerce.dao.interaction;

import java.math.BigDecimal;

/**
 * A kind of interaction and how much it counts towards a recommendation score.
 *
 * <p>The migrations insert {@value #VIEW} (1), {@value #CLICK} (2), {@value #ADD_TO_CART} (4),
 * {@value #PURCHASE} (8) and {@value #REVIEW} (5).
 *
 * @param id     the type's id
 * @param name   its name, unique
 * @param weight what one interaction of this type adds to a score before decay; at least 0
 */
public record InteractionType(int id, String name, BigDecimal weight) {

    /** A product page was seen. */
    public static final String VIEW = "view";
    /** Something on the product was clicked (pictures, details). */
    public static final String CLICK = "click";
    /** The product was put in the basket. */
    public static final String ADD_TO_CART = "add_to_cart";
    /** The product was bought (recorded by the order repository for every order line). */
    public static final String PURCHASE = "purchase";
    /** The product was reviewed (recorded by the review repository). */
    public static final String REVIEW = "review";
}
