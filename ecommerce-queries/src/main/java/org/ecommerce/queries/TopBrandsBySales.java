package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * The brands that brought the most revenue.
 *
 * <p>Revenue is the sum of the order lines' subtotals of the brand's products, at the prices
 * paid (before order-level deductions, returns not subtracted). Brands that never sold are not
 * listed. Order: most revenue first, then by brand id.
 */
public final class TopBrandsBySales extends AnalyticsQuery<TopBrandsBySales.Row> {

    /**
     * One brand and its sales.
     *
     * @param brandId   the brand
     * @param name      its name
     * @param unitsSold units of its products over all order lines
     * @param revenue   the sum of those lines' subtotals, scale 2
     */
    public record Row(long brandId, String name, long unitsSold, BigDecimal revenue) {
    }

    private final int limit;

    private TopBrandsBySales(int limit) {
        this.limit = Validation.positive("limit", limit);
    }

    /** The {@code limit} brands with the most revenue. */
    public static TopBrandsBySales top(int limit) {
        return new TopBrandsBySales(limit);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        Table<?> sales = select(PRODUCT.BRAND_ID, sum(ORDER_LINE.QUANTITY).as("units_sold"),
                        sum(ORDER_LINE.SUBTOTAL).as("revenue"))
                .from(ORDER_LINE)
                .join(PRODUCT).on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                .groupBy(PRODUCT.BRAND_ID)
                .asTable("sales");
        Field<BigDecimal> revenue = sales.field("revenue", BigDecimal.class);
        return dsl.select(BRAND.ID.as("brand_id"), BRAND.NAME, sales.field("units_sold"), revenue)
                .from(sales)
                .join(BRAND).on(BRAND.ID.eq(sales.field(PRODUCT.BRAND_ID)))
                .orderBy(revenue.desc(), BRAND.ID)
                .limit(limit);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("brand_id", Long.class), r.get("name", String.class),
                r.get("units_sold", Long.class), Money.of(r.get("revenue", BigDecimal.class))));
    }
}
