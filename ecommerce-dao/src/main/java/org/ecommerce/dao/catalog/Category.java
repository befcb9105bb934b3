package org.ecommerce.dao.catalog;

/**
 * A product category; categories form a tree.
 *
 * @param id       the category's id
 * @param name     unique name
 * @param parentId the parent category, or null for a top-level category
 */
public record Category(long id, String name, Long parentId) {
}
