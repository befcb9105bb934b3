package org.ecommerce.dao.catalog;

import java.math.BigDecimal;

/**
 * A product with its current price and stock.
 *
 * @param id          the product's id
 * @param name        display name
 * @param description optional
 * @param brandId     its brand
 * @param categoryId  its category
 * @param price       current unit price
 * @param stock       units in stock (never negative)
 */
public record Product(long id, String name, String description, long brandId, long categoryId, BigDecimal price,
                      int stock) {

    /** Whether it can be bought now: derived from stock, never stored. */
    public boolean available() {
        return stock > 0;
    }
}
