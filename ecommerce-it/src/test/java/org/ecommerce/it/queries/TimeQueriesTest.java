package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.InteractionsByHourOfDay;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.junit.jupiter.api.Test;

/** The questions about time (6, 13) against {@link AnalyticsShop}. */
@OnBothEngines
class TimeQueriesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private final Ecommerce shop;

    TimeQueriesTest(TestDatabase db) {
        shop = AnalyticsShop.in(db).shop;
    }

    @Test
    void interactionsByHourOfDayInUtcListTheBusiestHourFirst() {
        // given 10 purchases and 1 review at 12:00 UTC, 3 views at 08:15, 1 click at 08:45, 2 views at 20:05, 1 click at 19:50
        // when
        var rows = InteractionsByHourOfDay.in(ZoneOffset.UTC).fetch(shop);
        // then
        assertThat(rows).containsExactly(hour(12, 11), hour(8, 4), hour(20, 2), hour(19, 1));
    }

    @Test
    void interactionsByHourOfDayUseTheLocalHourOfTheZoneAndListEqualCountsByHour() {
        // given Kolkata is UTC+05:30: 12:00 -> 17:30, 08:15 -> 13:45, 08:45 -> 14:15, 20:05 -> 01:35, 19:50 -> 01:20
        // when
        var rows = InteractionsByHourOfDay.in(KOLKATA).fetch(shop);
        // then hours 1 and 13 both have 3 and come in hour order
        assertThat(rows).containsExactly(hour(17, 11), hour(1, 3), hour(13, 3), hour(14, 1));
    }

    @Test
    void monthlySalesAreNetOfCompletedReturnsOnlyAndAMonthWithoutSalesShowsZero() {
        // given January: o1 220 + o2 190, o2's completed return refunds 40; February: nothing;
        // March: o3 110 (its return is pending) + o4 234, o4's completed return refunds 36; April: o5 140 (its return was denied)
        // when
        var rows = MonthlySalesGrowth.in(ZoneOffset.UTC).fetch(shop);
        // then growth compares with the previous calendar month; from zero (December, February) it is null
        assertThat(rows).containsExactly(
                month("2025-01", "410.00", "40.00", "370.00", null),
                month("2025-02", "0.00", "0.00", "0.00", "-100.00"),
                month("2025-03", "344.00", "36.00", "308.00", null),
                // (140 - 308) * 100 / 308 = -54.545...
                month("2025-04", "140.00", "0.00", "140.00", "-54.55"));
    }

    @Test
    void monthlySalesPutEachOrderInTheMonthOfItsZone() {
        // given o5 was placed on 30 April 22:30 UTC, which is 1 May 00:30 in Paris
        // when
        var rows = MonthlySalesGrowth.in(PARIS).fetch(shop);
        // then in Paris April is empty and May has o5
        assertThat(rows).containsExactly(
                month("2025-01", "410.00", "40.00", "370.00", null),
                month("2025-02", "0.00", "0.00", "0.00", "-100.00"),
                month("2025-03", "344.00", "36.00", "308.00", null),
                month("2025-04", "0.00", "0.00", "0.00", "-100.00"),
                month("2025-05", "140.00", "0.00", "140.00", null));
    }

    @Test
    void monthlySalesBetweenMonthsCompareTheFirstWithTheCalendarMonthBeforeIt() {
        // when only February and March are asked for
        var rows = MonthlySalesGrowth.in(ZoneOffset.UTC).between(AnalyticsShop.month("2025-02"), AnalyticsShop.month("2025-03"))
                .fetch(shop);
        // then February's growth is still against January's 370, outside the span
        assertThat(rows).containsExactly(
                month("2025-02", "0.00", "0.00", "0.00", "-100.00"),
                month("2025-03", "344.00", "36.00", "308.00", null));
    }

    @Test
    void monthlySalesBetweenMonthsWithoutAnySaleListEveryMonthAsZero() {
        // when a span before the first order is asked for
        var rows = MonthlySalesGrowth.in(ZoneOffset.UTC).between(AnalyticsShop.month("2024-11"), AnalyticsShop.month("2024-12"))
                .fetch(shop);
        // then
        assertThat(rows).containsExactly(
                month("2024-11", "0.00", "0.00", "0.00", null),
                month("2024-12", "0.00", "0.00", "0.00", null));
    }

    private static InteractionsByHourOfDay.Row hour(int hour, long interactions) {
        return new InteractionsByHourOfDay.Row(hour, interactions);
    }

    private static MonthlySalesGrowth.Row month(String month, String sales, String refunds, String net, String growth) {
        return new MonthlySalesGrowth.Row(AnalyticsShop.month(month), new BigDecimal(sales), new BigDecimal(refunds),
                new BigDecimal(net), growth == null ? null : new BigDecimal(growth));
    }
}
