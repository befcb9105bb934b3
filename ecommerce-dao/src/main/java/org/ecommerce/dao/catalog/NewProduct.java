package org.ecommerce.dao.catalog;

import java.math.BigDecimal;

import org.ecommerce.dao.Validation;

/**
 * A product to add to the catalogue.
 *
 * @param name         at most 200 characters
 * @param description  optional, at most 4000 characters
 * @param brandId      an existing brand
 * @param categoryId   an existing category
 * @param price        unit price, not negative, two decimals at most
 * @param initialStock units in stock, not negative
 */
public record NewProduct(String name, String description, long brandId, long categoryId, BigDecimal price,
                         int initialStock) {

    /** Validates every field. */
    public NewProduct {
        Validation.text("name", name, 200);
        Validation.optionalText("description", description, 4000);
        Validation.id("brandId", brandId);
        Validation.id("categoryId", categoryId);
        price = Validation.money("price", price);
        Validation.notNegative("initialStock", initialStock);
    }
}
