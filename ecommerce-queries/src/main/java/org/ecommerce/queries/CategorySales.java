package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.rank;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * The statement behind {@link TopSellersPerCategory} and {@link TopSellersPerCategoryWithRevenue}:
 * each category's products ranked by units sold, cut at a rank. A product counts in its own
 * category only (a sale in "Headphones" is not also one of its parent "Audio").
 */
final class CategorySales {

    private CategorySales() {
    }

    /**
     * Columns: category_id, category_name, sales_rank, product_id, product_name, units_sold,
     * revenue; ordered by category name, category id, rank, product id.
     */
    static ResultQuery<?> ranked(DSLContext dsl, int perCategory, Ranking ranking) {
        Table<?> sold = select(ORDER_LINE.PRODUCT_ID, sum(ORDER_LINE.QUANTITY).as("units_sold"),
                        sum(ORDER_LINE.SUBTOTAL).as("revenue"))
                .from(ORDER_LINE)
                .groupBy(ORDER_LINE.PRODUCT_ID)
                .asTable("sold");
        Field<Long> unitsSold = sold.field("units_sold", Long.class);
        Field<Integer> salesRank = switch (ranking) {
            case ROW_NUMBER -> rowNumber().over().partitionBy(PRODUCT.CATEGORY_ID).orderBy(unitsSold.desc(), PRODUCT.ID);
            case RANK -> rank().over().partitionBy(PRODUCT.CATEGORY_ID).orderBy(unitsSold.desc());
        };
        Table<?> ranked = select(PRODUCT.CATEGORY_ID, CATEGORY.NAME.as("category_name"), salesRank.as("sales_rank"),
                        PRODUCT.ID.as("product_id"), PRODUCT.NAME.as("product_name"), unitsSold,
                        sold.field("revenue", BigDecimal.class))
                .from(sold)
                .join(PRODUCT).on(PRODUCT.ID.eq(sold.field(ORDER_LINE.PRODUCT_ID)))
                .join(CATEGORY).on(CATEGORY.ID.eq(PRODUCT.CATEGORY_ID))
                .asTable("ranked");
        Field<Integer> rankOf = ranked.field("sales_rank", Integer.class);
        return dsl.select(ranked.fields())
                .from(ranked)
                .where(rankOf.le(perCategory))
                .orderBy(ranked.field("category_name"), ranked.field("category_id"), rankOf, ranked.field("product_id"));
    }
}
