package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.jooq.impl.DSL.count;
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
 * The customers who spent the most.
 *
 * <p>Expenditure is the sum of the grand totals of the customer's orders (what was charged, after
 * deductions), optionally only of orders placed within a {@link TimeRange}. Returns are not
 * subtracted (see {@link MonthlySalesGrowth} for sales net of returns). Customers without orders
 * in the range are not listed. Order: most spent first, then by customer id.
 *
 * <pre>{@code
 * TopCustomersByExpenditure.top(5).placedWithin(TimeRange.of(from, until)).fetch(shop);
 * }</pre>
 */
public final class TopCustomersByExpenditure extends AnalyticsQuery<TopCustomersByExpenditure.Row> {

    /**
     * One customer and what they spent.
     *
     * @param customerId the customer
     * @param name       their name
     * @param email      their email
     * @param orders     how many orders they placed (in the range)
     * @param spent      the sum of those orders' grand totals, scale 2
     */
    public record Row(long customerId, String name, String email, long orders, BigDecimal spent) {
    }

    private final int limit;
    private final TimeRange placed;

    private TopCustomersByExpenditure(int limit, TimeRange placed) {
        this.limit = Validation.positive("limit", limit);
        this.placed = placed;
    }

    /** The {@code limit} customers who spent the most, over all time. */
    public static TopCustomersByExpenditure top(int limit) {
        return new TopCustomersByExpenditure(limit, null);
    }

    /** The same question, counting only orders placed within {@code range}. */
    public TopCustomersByExpenditure placedWithin(TimeRange range) {
        return new TopCustomersByExpenditure(limit, Validation.required("range", range));
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        // aggregate the orders first, then look up only the customers that made the cut
        Table<?> spending = select(ORDERS.CUSTOMER_ID, count().as("orders"), sum(ORDERS.GRAND_TOTAL).as("spent"))
                .from(ORDERS)
                .where(TimeRange.contains(placed, ORDERS.PLACED_AT))
                .groupBy(ORDERS.CUSTOMER_ID)
                .asTable("spending");
        Field<BigDecimal> spent = spending.field("spent", BigDecimal.class);
        return dsl.select(CUSTOMER.ID.as("customer_id"), CUSTOMER.NAME, CUSTOMER.EMAIL, spending.field("orders"), spent)
                .from(spending)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(spending.field(ORDERS.CUSTOMER_ID)))
                .orderBy(spent.desc(), CUSTOMER.ID)
                .limit(limit);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("customer_id", Long.class), r.get("name", String.class),
                r.get("email", String.class), r.get("orders", Long.class), Money.of(r.get("spent", BigDecimal.class))));
    }
}
