package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lag;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trunc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.returns.ReturnStatus;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * Sales per calendar month, net of completed returns, and the growth over the
 * previous calendar month.
 *
 * <ul>
 *   <li>A month is a calendar month in the given zone; an order belongs to the month it was
 *       placed in.</li>
 *   <li>Sales are the orders' grand totals (what was charged). Refunds are those of
 *       <em>completed</em> returns only (pending, denied and cancelled returns refund nothing),
 *       counted against the month of the returned order, each computed as the library refunds
 *       it: Σ quantity × unit price paid × grand total / total, rounded down to the cent per return.</li>
 *   <li>Every month of the span is listed, a month without sales with zeros. The span runs from
 *       the first to the last month with an order, or is the one given with {@link #between}.</li>
 *   <li>Growth is (net − previous net) × 100 / previous net, in percent rounded to two decimals,
 *       where previous is the previous <em>calendar</em> month (a month without sales counts as
 *       zero, even outside the span); growth from zero is null.</li>
 * </ul>
 *
 * <p>All of it is one statement: a recursive CTE lists the months, {@code LAG} looks one month back.
 *
 * <p>Rounding: refunds are rounded down to the cent, here and in the library's refund, so the
 * figures agree to the cent (and an order's refunds never add up to more than it charged).
 */
public final class MonthlySalesGrowth extends AnalyticsQuery<MonthlySalesGrowth.Row> {

    /**
     * One calendar month.
     *
     * @param month         the month, in the query's zone
     * @param sales         the grand totals of the orders placed in it, scale 2
     * @param refunds       the refunds of completed returns of those orders, scale 2
     * @param netSales      sales − refunds, scale 2
     * @param growthPercent growth of net sales over the previous calendar month in percent, scale 2;
     *                      null when that month's net sales were zero
     */
    public record Row(YearMonth month, BigDecimal sales, BigDecimal refunds, BigDecimal netSales,
                      BigDecimal growthPercent) {
    }

    private final InZone zone;
    private final YearMonth first;
    private final YearMonth last;

    private MonthlySalesGrowth(InZone zone, YearMonth first, YearMonth last) {
        this.zone = zone;
        this.first = first;
        this.last = last;
    }

    /**
     * Every month from the first to the last with an order, in {@code zone}.
     *
     * @throws ValidationException with field {@code zone} if it is null or a fixed offset other than UTC
     */
    public static MonthlySalesGrowth in(ZoneId zone) {
        return new MonthlySalesGrowth(InZone.of("zone", zone), null, null);
    }

    /** The same question for the months {@code first} to {@code last}, both included, sales or not. */
    public MonthlySalesGrowth between(YearMonth first, YearMonth last) {
        Validation.required("first", first);
        Validation.required("last", last);
        if (last.isBefore(first)) {
            throw new ValidationException("last", "must not be before first");
        }
        return new MonthlySalesGrowth(zone, first, last);
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        // the orders of the span and of the month before it (for the first month's growth)
        Condition inSpan = first == null ? noCondition()
                : ORDERS.PLACED_AT.ge(zone.startOf(first.minusMonths(1))).and(ORDERS.PLACED_AT.lt(zone.startOf(last.plusMonths(1))));
        CommonTableExpression<?> placed = name("placed").fields("order_id", "total", "grand_total", "month_index")
                .as(select(ORDERS.ID, ORDERS.TOTAL, ORDERS.GRAND_TOTAL, zone.monthIndexOf(ORDERS.PLACED_AT))
                        .from(ORDERS).where(inSpan));
        Field<Integer> placedMonth = placed.field("month_index", Integer.class);
        Field<BigDecimal> placedTotal = placed.field("total", BigDecimal.class);
        Field<BigDecimal> placedGrandTotal = placed.field("grand_total", BigDecimal.class);

        // one row per completed return of those orders: its refund, as JooqReturnRepository computes it
        CommonTableExpression<?> refunded = name("refunded").fields("month_index", "refund")
                .as(select(placedMonth,
                                trunc(sum(ORDER_LINE.UNIT_PRICE.times(RETURN_LINE.QUANTITY)).times(placedGrandTotal)
                                        .div(placedTotal), 2))
                        .from(ORDER_RETURN)
                        .join(placed).on(placed.field("order_id", Long.class).eq(ORDER_RETURN.ORDER_ID))
                        .join(RETURN_LINE).on(RETURN_LINE.RETURN_ID.eq(ORDER_RETURN.ID))
                        .join(ORDER_LINE).on(ORDER_LINE.ORDER_ID.eq(RETURN_LINE.ORDER_ID),
                                ORDER_LINE.PRODUCT_ID.eq(RETURN_LINE.PRODUCT_ID))
                        .where(ORDER_RETURN.STATUS.eq(ReturnStatus.COMPLETED.dbValue()), placedTotal.gt(BigDecimal.ZERO))
                        .groupBy(ORDER_RETURN.ID, placedMonth, placedGrandTotal, placedTotal));

        CommonTableExpression<?> sold = name("sold").fields("month_index", "amount")
                .as(select(placedMonth, sum(placedGrandTotal)).from(placed).groupBy(placedMonth));
        Field<Integer> soldMonth = sold.field("month_index", Integer.class);
        Field<Integer> refundedMonth = refunded.field("month_index", Integer.class);
        CommonTableExpression<?> refunds = name("refunds").fields("month_index", "amount")
                .as(select(refundedMonth, sum(refunded.field("refund", BigDecimal.class))).from(refunded).groupBy(refundedMonth));

        // every month from the one before the span to its last, with or without sales
        // (the bounds come from sold, one row per month, not from the orders)
        Table<?> monthsSoFar = table(name("months"));
        Field<Integer> monthSoFar = field(name("months", "month_index"), Integer.class);
        Field<Integer> lastMonth = last == null ? field(select(max(soldMonth)).from(sold))
                : inline(InZone.monthIndex(last));
        var start = first == null ? select(min(soldMonth).minus(1)).from(sold).having(count().gt(0))
                : select(inline(InZone.monthIndex(first) - 1));
        CommonTableExpression<?> months = name("months").fields("month_index")
                .as(start.unionAll(select(monthSoFar.plus(1)).from(monthsSoFar).where(monthSoFar.lt(lastMonth))));

        Field<Integer> month = months.field("month_index", Integer.class);
        Field<BigDecimal> sales = coalesce(sold.field("amount", BigDecimal.class), BigDecimal.ZERO);
        Field<BigDecimal> refund = coalesce(refunds.field("amount", BigDecimal.class), BigDecimal.ZERO);
        CommonTableExpression<?> monthly = name("monthly").fields("month_index", "sales", "refunds", "net_sales", "previous_net_sales")
                .as(select(month, sales, refund, sales.minus(refund), lag(sales.minus(refund)).over().orderBy(month))
                        .from(months)
                        .leftJoin(sold).on(soldMonth.eq(month))
                        .leftJoin(refunds).on(refunds.field("month_index", Integer.class).eq(month)));

        Field<BigDecimal> net = monthly.field("net_sales", BigDecimal.class);
        Field<BigDecimal> previous = monthly.field("previous_net_sales", BigDecimal.class);
        return dsl.withRecursive(placed, refunded, sold, refunds, months, monthly)
                .select(monthly.field("month_index"), monthly.field("sales"), monthly.field("refunds"), net,
                        round(net.minus(previous).times(100).div(nullif(previous, BigDecimal.ZERO)), 2).as("growth_percent"))
                .from(monthly)
                .where(previous.isNotNull()) // the month before the span is only there to look back to
                .orderBy(monthly.field("month_index"));
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> {
            BigDecimal growth = r.get("growth_percent", BigDecimal.class);
            return new Row(InZone.month(r.get("month_index", Integer.class)), Money.of(r.get("sales", BigDecimal.class)),
                    Money.of(r.get("refunds", BigDecimal.class)), Money.of(r.get("net_sales", BigDecimal.class)),
                    growth == null ? null : growth.setScale(2, RoundingMode.HALF_UP));
        });
    }
}
