package org.ecommerce.queries;

/** How the top sellers of a category are numbered when some sold the same number of units. */
public enum Ranking {
    /**
     * {@code ROW_NUMBER()}: exactly N products per category (fewer if it has fewer sellers); of
     * products with equal units sold the one with the lower product id (the older one) ranks first.
     */
    ROW_NUMBER,
    /**
     * {@code RANK()}: products with equal units sold share a rank and the next rank is skipped
     * (1, 1, 3); every product ranked N or better is included, so a tie at the Nth place can
     * return more than N products. Tied products are listed by product id.
     */
    RANK
}
