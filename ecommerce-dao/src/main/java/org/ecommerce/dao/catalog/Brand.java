package org.ecommerce.dao.catalog;

/**
 * A brand.
 *
 * @param id   the brand's id
 * @param name unique name
 */
public record Brand(long id, String name) {
}
