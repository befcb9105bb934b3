package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * The products sold in the largest numbers.
 *
 * <p>Units sold are the summed quantities of all order lines of the product; returns are not
 * subtracted. Products never sold are not listed. Order: most units first, then by product id.
 */
public final class MostPopularProducts extends AnalyticsQuery<MostPopularProducts.Row> {

    /**
     * One product and how much of it sold.
     *
     * @param productId the product
     * @param name      its name
     * @param unitsSold units over all its order lines
     * @param orders    how many orders contained it
     */
    public record Row(long productId, String name, long unitsSold, long orders) {
    }

    private final int limit;

    private MostPopularProducts(int limit) {
        this.limit = Validation.positive("limit", limit);
    }

    /** The {@code limit} products with the most units sold. */
    public static MostPopularProducts top(int limit) {
        return new MostPopularProducts(limit);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        Table<?> sold = select(ORDER_LINE.PRODUCT_ID, sum(ORDER_LINE.QUANTITY).as("units_sold"), count().as("orders"))
                .from(ORDER_LINE)
                .groupBy(ORDER_LINE.PRODUCT_ID)
                .asTable("sold");
        Field<Long> unitsSold = sold.field("units_sold", Long.class);
        return dsl.select(PRODUCT.ID.as("product_id"), PRODUCT.NAME, unitsSold, sold.field("orders"))
                .from(sold)
                .join(PRODUCT).on(PRODUCT.ID.eq(sold.field(ORDER_LINE.PRODUCT_ID)))
                .orderBy(unitsSold.desc(), PRODUCT.ID)
                .limit(limit);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("product_id", Long.class), r.get("name", String.class),
                r.get("units_sold", Long.class), r.get("orders", Long.class)));
    }
}
