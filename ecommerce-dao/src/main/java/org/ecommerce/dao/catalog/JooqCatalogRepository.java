package org.ecommerce.dao.catalog;

import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Page;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.internal.MultiRowInsert;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.jooq.tables.records.ProductRecord;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;

/** {@link CatalogRepository} on jOOQ. */
public final class JooqCatalogRepository implements CatalogRepository {

    private static final Field<Long> TREE_ID = field(name("tree", "id"), Long.class);

    private final TransactionRunner tx;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqCatalogRepository(TransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public Brand addBrand(String name) {
        Validation.text("name", name, 100);
        return tx.run(dsl -> dsl.insertInto(BRAND).set(BRAND.NAME, name).returning()
                .fetchSingle(r -> new Brand(r.getId(), r.getName())));
    }

    @Override
    public Category addCategory(String name, Long parentId) {
        Validation.text("name", name, 100);
        return tx.run(dsl -> {
            if (parentId != null && !dsl.fetchExists(CATEGORY, CATEGORY.ID.eq(parentId))) {
                throw new NotFoundException("category", parentId);
            }
            return dsl.insertInto(CATEGORY).set(CATEGORY.NAME, name).set(CATEGORY.PARENT_ID, parentId).returning()
                    .fetchSingle(r -> new Category(r.getId(), r.getName(), r.getParentId()));
        });
    }

    @Override
    public Product addProduct(NewProduct p) {
        Validation.required("product", p);
        return tx.run(dsl -> {
            if (!dsl.fetchExists(BRAND, BRAND.ID.eq(p.brandId()))) {
                throw new NotFoundException("brand", p.brandId());
            }
            if (!dsl.fetchExists(CATEGORY, CATEGORY.ID.eq(p.categoryId()))) {
                throw new NotFoundException("category", p.categoryId());
            }
            return dsl.insertInto(PRODUCT).set(newRow(dsl, p)).returning().fetchSingle(JooqCatalogRepository::toProduct);
        });
    }

    @Override
    public List<Product> addProducts(List<NewProduct> products) {
        List<NewProduct> given = Validation.requiredEach("products", products);
        // an unknown brand or category is refused by the product's foreign keys
        return tx.run(dsl -> MultiRowInsert.insert(dsl, PRODUCT, PRODUCT.ID,
                given.stream().map(p -> newRow(dsl, p)).toList(), JooqCatalogRepository::toProduct));
    }

    private static ProductRecord newRow(DSLContext dsl, NewProduct p) {
        ProductRecord row = dsl.newRecord(PRODUCT);
        row.setName(p.name());
        row.setDescription(p.description());
        row.setBrandId(p.brandId());
        row.setCategoryId(p.categoryId());
        row.setPrice(p.price());
        row.setStock(p.initialStock());
        return row;
    }

    @Override
    public Product restock(long productId, int quantity) {
        Validation.positive("quantity", quantity);
        return tx.run(dsl -> {
            // relative update: a sale committed meanwhile is never overwritten
            int updated = dsl.update(PRODUCT).set(PRODUCT.STOCK, PRODUCT.STOCK.plus(quantity))
                    .where(PRODUCT.ID.eq(productId), PRODUCT.STOCK.le(Integer.MAX_VALUE - quantity)).execute();
            if (updated == 0) {
                fetch(dsl, productId).orElseThrow(() -> new NotFoundException("product", productId));
                throw new ValidationException("quantity", "would raise the stock above " + Integer.MAX_VALUE);
            }
            return fetch(dsl, productId).orElseThrow();
        });
    }

    @Override
    public Product changePrice(long productId, BigDecimal price) {
        BigDecimal valid = Validation.money("price", price);
        return tx.run(dsl -> {
            if (dsl.update(PRODUCT).set(PRODUCT.PRICE, valid).where(PRODUCT.ID.eq(productId)).execute() == 0) {
                throw new NotFoundException("product", productId);
            }
            return fetch(dsl, productId).orElseThrow();
        });
    }

    @Override
    public Product get(long productId) {
        return find(productId).orElseThrow(() -> new NotFoundException("product", productId));
    }

    @Override
    public Optional<Product> find(long productId) {
        return tx.run(dsl -> fetch(dsl, productId));
    }

    @Override
    public Page<Product> byCategory(long categoryId, PageRequest page) {
        Validation.required("page", page);
        return tx.replicaRun(dsl -> {
            if (!dsl.fetchExists(CATEGORY, CATEGORY.ID.eq(categoryId))) {
                throw new NotFoundException("category", categoryId);
            }
            return page(dsl, PRODUCT.CATEGORY_ID.in(subtree(dsl, categoryId)), page);
        });
    }

    @Override
    public Page<Product> byBrand(long brandId, PageRequest page) {
        Validation.required("page", page);
        return tx.replicaRun(dsl -> {
            if (!dsl.fetchExists(BRAND, BRAND.ID.eq(brandId))) {
                throw new NotFoundException("brand", brandId);
            }
            return page(dsl, PRODUCT.BRAND_ID.eq(brandId), page);
        });
    }

    @Override
    public List<Brand> brands() {
        return tx.replicaRun(dsl -> dsl.selectFrom(BRAND).orderBy(BRAND.NAME).fetch(r -> new Brand(r.getId(), r.getName())));
    }

    @Override
    public List<Category> categories() {
        return tx.replicaRun(dsl -> dsl.selectFrom(CATEGORY).orderBy(CATEGORY.NAME)
                .fetch(r -> new Category(r.getId(), r.getName(), r.getParentId())));
    }

    /** The category and every category below it (category trees are small: fetched, not joined). */
    private static List<Long> subtree(DSLContext dsl, long categoryId) {
        CommonTableExpression<Record1<Long>> tree = name("tree").fields("id").as(
                select(CATEGORY.ID).from(CATEGORY).where(CATEGORY.ID.eq(categoryId))
                        .unionAll(select(CATEGORY.ID).from(CATEGORY)
                                .join(table(name("tree"))).on(CATEGORY.PARENT_ID.eq(TREE_ID))));
        return dsl.withRecursive(tree).select(TREE_ID).from(tree).fetch(TREE_ID);
    }

    private static Page<Product> page(DSLContext dsl, Condition where, PageRequest page) {
        List<Product> items = dsl.selectFrom(PRODUCT).where(where).orderBy(PRODUCT.NAME, PRODUCT.ID)
                .limit(page.size()).offset(page.offset()).fetch(JooqCatalogRepository::toProduct);
        return new Page<>(items, page, dsl.fetchCount(PRODUCT, where));
    }

    private static Optional<Product> fetch(DSLContext dsl, long productId) {
        return dsl.selectFrom(PRODUCT).where(PRODUCT.ID.eq(productId)).fetchOptional(JooqCatalogRepository::toProduct);
    }

    static Product toProduct(ProductRecord r) {
        return new Product(r.getId(), r.getName(), r.getDescription(), r.getBrandId(), r.getCategoryId(), r.getPrice(),
                r.getStock());
    }
}
