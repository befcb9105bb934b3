package org.ecommerce.queries;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The top N sellers of each category with the quantity sold and the revenue they
 * brought.
 *
 * <p>Ranked exactly as {@link TopSellersPerCategory} with {@link Ranking#ROW_NUMBER}: by units
 * sold within the product's own category, equal units broken by the lower product id, exactly N
 * per category. Revenue is the sum of the order lines' subtotals at the prices paid (before any
 * order-level deduction, returns not subtracted). Order: by category name, category id, rank.
 */
public final class TopSellersPerCategoryWithRevenue extends AnalyticsQuery<TopSellersPerCategoryWithRevenue.Row> {

    /**
     * One ranked product with its revenue.
     *
     * @param categoryId   its category
     * @param categoryName the category's name
     * @param rank         1 for the best seller of the category
     * @param productId    the product
     * @param productName  its name
     * @param unitsSold    units over all its order lines
     * @param revenue      the sum of those lines' subtotals, scale 2
     */
    public record Row(long categoryId, String categoryName, int rank, long productId, String productName,
                      long unitsSold, BigDecimal revenue) {
    }

    private final int perCategory;

    private TopSellersPerCategoryWithRevenue(int perCategory) {
        this.perCategory = Validation.positive("perCategory", perCategory);
    }

    /** The {@code perCategory} best sellers of each category. */
    public static TopSellersPerCategoryWithRevenue top(int perCategory) {
        return new TopSellersPerCategoryWithRevenue(perCategory);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        return CategorySales.ranked(dsl, perCategory, Ranking.ROW_NUMBER);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("category_id", Long.class), r.get("category_name", String.class),
                r.get("sales_rank", Integer.class), r.get("product_id", Long.class), r.get("product_name", String.class),
                r.get("units_sold", Long.class), Money.of(r.get("revenue", BigDecimal.class))));
    }
}
