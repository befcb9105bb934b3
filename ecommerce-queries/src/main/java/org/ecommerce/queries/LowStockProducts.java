package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.PRODUCT;

import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Products with fewer units in stock than a threshold.
 *
 * <p>Order: lowest stock first, then by product id: exactly the order of the index
 * {@code product_stock_idx (stock, id)}, which serves both the filter and the order, so the
 * catalogue is never scanned nor sorted.
 */
public final class LowStockProducts extends AnalyticsQuery<LowStockProducts.Row> {

    /**
     * A product running low.
     *
     * @param productId the product
     * @param name      its name
     * @param stock     units in stock, below the threshold
     */
    public record Row(long productId, String name, int stock) {
    }

    private final int threshold;

    private LowStockProducts(int threshold) {
        this.threshold = Validation.positive("threshold", threshold);
    }

    /** Products with fewer than {@code threshold} units in stock (at least 1; 1 lists the sold-out ones). */
    public static LowStockProducts below(int threshold) {
        return new LowStockProducts(threshold);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        return dsl.select(PRODUCT.ID.as("product_id"), PRODUCT.NAME, PRODUCT.STOCK)
                .from(PRODUCT)
                .where(PRODUCT.STOCK.lt(threshold))
                .orderBy(PRODUCT.STOCK, PRODUCT.ID);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("product_id", Long.class), r.get("name", String.class),
                r.get("stock", Integer.class)));
    }
}
