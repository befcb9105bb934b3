package org.ecommerce.queries;

import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The best-selling products of each category.
 *
 * <p>Products are ranked within their own category by units sold (returns not subtracted);
 * products never sold are not ranked. Ties, i.e. equal units sold, follow the {@link Ranking}:
 * {@link Ranking#ROW_NUMBER} (the default) keeps exactly N per category and ranks the lower
 * product id first; {@link Ranking#RANK} gives tied products the same rank and may return more
 * than N. Order: by category name, category id, rank, product id.
 *
 * <pre>{@code
 * TopSellersPerCategory.top(3).ranked(Ranking.RANK).fetch(shop);
 * }</pre>
 */
public final class TopSellersPerCategory extends AnalyticsQuery<TopSellersPerCategory.Row> {

    /**
     * One ranked product.
     *
     * @param categoryId   its category
     * @param categoryName the category's name
     * @param rank         1 for the best seller of the category
     * @param productId    the product
     * @param productName  its name
     * @param unitsSold    units over all its order lines
     */
    public record Row(long categoryId, String categoryName, int rank, long productId, String productName,
                      long unitsSold) {
    }

    private final int perCategory;
    private final Ranking ranking;

    private TopSellersPerCategory(int perCategory, Ranking ranking) {
        this.perCategory = Validation.positive("perCategory", perCategory);
        this.ranking = Validation.required("ranking", ranking);
    }

    /** The {@code perCategory} best sellers of each category, numbered with {@link Ranking#ROW_NUMBER}. */
    public static TopSellersPerCategory top(int perCategory) {
        return new TopSellersPerCategory(perCategory, Ranking.ROW_NUMBER);
    }

    /** The same question with ties handled as {@code ranking} says. */
    public TopSellersPerCategory ranked(Ranking ranking) {
        return new TopSellersPerCategory(perCategory, ranking);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        return CategorySales.ranked(dsl, perCategory, ranking);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("category_id", Long.class), r.get("category_name", String.class),
                r.get("sales_rank", Integer.class), r.get("product_id", Long.class), r.get("product_name", String.class),
                r.get("units_sold", Long.class)));
    }
}
