package org.ecommerce.dao.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Page;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.ValidationException;

/**
 * Brands, the category tree and products. Every method is one transaction, but for the browsing
 * reads ({@code byCategory}, {@code byBrand}, {@code brands}, {@code categories}) when a read
 * replica is set ({@code Ecommerce.builder(primary).readReplica(replica)}): outside a caller's
 * transaction they run on the replica, each statement on its own.
 */
public interface CatalogRepository {

    /**
     * Adds a brand.
     *
     * @throws DuplicateException with field {@code name} if the brand exists
     */
    Brand addBrand(String name);

    /**
     * Adds a category under {@code parentId}, or at the top when it is null.
     *
     * @throws DuplicateException with field {@code name} if the category exists
     * @throws NotFoundException  if the parent does not exist
     */
    Category addCategory(String name, Long parentId);

    /**
     * Adds a top-level category.
     *
     * @throws DuplicateException with field {@code name} if the category exists
     */
    default Category addCategory(String name) {
        return addCategory(name, null);
    }

    /**
     * Adds a subcategory under {@code parentId}.
     *
     * @throws DuplicateException with field {@code name} if the category exists
     * @throws NotFoundException  if the parent does not exist
     */
    default Category addSubcategory(String name, long parentId) {
        return addCategory(name, parentId);
    }

    /**
     * Adds a product to the catalogue with its initial stock.
     *
     * @throws NotFoundException if the brand or the category does not exist
     */
    Product addProduct(NewProduct product);

    /**
     * Adds many products, all in one transaction (the caller's, if there is one), a thousand rows
     * per INSERT: for loading a catalogue from another system. Either every product is added or
     * none. For more products than a list should hold, call it once per batch inside one
     * {@code inTransaction}.
     *
     * @return the products with their ids, in the order of {@code products}
     * @throws ValidationException with field {@code products} if it is null, or {@code products[i]}
     *                             if its i-th element is
     * @throws NotFoundException   if a brand or a category does not exist (its entity named; the
     *                             key says which table referred to it)
     */
    List<Product> addProducts(List<NewProduct> products);

    /**
     * Adds {@code quantity} units to stock, atomically (concurrent sales are not lost).
     *
     * @throws NotFoundException if there is no such product
     */
    Product restock(long productId, int quantity);

    /**
     * Sets a new price for future sales; orders keep the price they were placed at.
     *
     * @throws NotFoundException if there is no such product
     */
    Product changePrice(long productId, BigDecimal price);

    /**
     * The product with its current price and stock.
     *
     * @throws NotFoundException if there is no such product
     */
    Product get(long productId);

    /** The product, if it exists. */
    Optional<Product> find(long productId);

    /**
     * Products of a category and of all its subcategories, by name then id.
     *
     * @throws NotFoundException if there is no such category
     */
    Page<Product> byCategory(long categoryId, PageRequest page);

    /**
     * Products of a brand, by name then id.
     *
     * @throws NotFoundException if there is no such brand
     */
    Page<Product> byBrand(long brandId, PageRequest page);

    /** Every brand, by name. */
    List<Brand> brands();

    /** Every category, by name. */
    List<Category> categories();
}
