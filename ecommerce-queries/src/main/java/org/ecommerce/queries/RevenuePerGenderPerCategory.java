package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.ecommerce.dao.customer.Gender;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Revenue per customer gender and product category.
 *
 * <p>Revenue is the sum of the order lines' subtotals at the prices paid (before order-level
 * deductions, returns not subtracted), by the gender the buyer stated and the product's own
 * category. Combinations without sales are not listed. Order: by gender ({@code female},
 * {@code male}, {@code non_binary}, {@code undisclosed}), then category name, then category id.
 */
public final class RevenuePerGenderPerCategory extends AnalyticsQuery<RevenuePerGenderPerCategory.Row> {

    /**
     * The revenue of one gender in one category.
     *
     * @param gender       the buyers' stated gender
     * @param categoryId   the category
     * @param categoryName its name
     * @param unitsSold    units sold to them in it
     * @param revenue      the sum of those lines' subtotals, scale 2
     */
    public record Row(Gender gender, long categoryId, String categoryName, long unitsSold, BigDecimal revenue) {
    }

    private RevenuePerGenderPerCategory() {
    }

    /** Revenue for every gender and category with sales. */
    public static RevenuePerGenderPerCategory all() {
        return new RevenuePerGenderPerCategory();
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        return dsl.select(CUSTOMER.GENDER, CATEGORY.ID.as("category_id"), CATEGORY.NAME.as("category_name"),
                        sum(ORDER_LINE.QUANTITY).as("units_sold"), sum(ORDER_LINE.SUBTOTAL).as("revenue"))
                .from(ORDER_LINE)
                .join(ORDERS).on(ORDERS.ID.eq(ORDER_LINE.ORDER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(ORDERS.CUSTOMER_ID))
                .join(PRODUCT).on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                .join(CATEGORY).on(CATEGORY.ID.eq(PRODUCT.CATEGORY_ID))
                .groupBy(CUSTOMER.GENDER, CATEGORY.ID, CATEGORY.NAME)
                .orderBy(CUSTOMER.GENDER, CATEGORY.NAME, CATEGORY.ID);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(Gender.ofDbValue(r.get("gender", String.class)), r.get("category_id", Long.class),
                r.get("category_name", String.class), r.get("units_sold", Long.class),
                Money.of(r.get("revenue", BigDecimal.class))));
    }
}
