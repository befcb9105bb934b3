package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.CustomersWithOpenBaskets;
import org.ecommerce.queries.CustomersWithOrders;
import org.ecommerce.queries.CustomersWithoutPurchase;
import org.ecommerce.queries.InteractionsByHourOfDay;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.queries.MostPopularProducts;
import org.ecommerce.queries.Ranking;
import org.ecommerce.queries.RevenuePerGenderPerCategory;
import org.ecommerce.queries.TopBrandsBySales;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.ecommerce.queries.TopSellersPerCategory;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;
import org.junit.jupiter.api.Test;

/** Every question on a freshly migrated shop with no data at all: no rows, no errors. */
@OnBothEngines
class EmptyShopQueriesTest {

    private final Ecommerce shop;

    EmptyShopQueriesTest(TestDatabase db) {
        shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void everyQuestionAnswersAnEmptyShopWithNoRows() {
        // given a shop without customers, products or orders
        // when / then
        assertThat(TopCustomersByExpenditure.top(5).fetch(shop)).isEmpty();
        assertThat(TopCustomersByInteractions.top(5).ofKinds(InteractionKind.VIEW).fetch(shop)).isEmpty();
        assertThat(CustomersWithoutPurchase.all().fetch(shop)).isEmpty();
        assertThat(MostPopularProducts.top(5).fetch(shop)).isEmpty();
        assertThat(TopSellersPerCategory.top(2).ranked(Ranking.RANK).fetch(shop)).isEmpty();
        assertThat(InteractionsByHourOfDay.in(ZoneOffset.UTC).fetch(shop)).isEmpty();
        assertThat(LowStockProducts.below(200).fetch(shop)).isEmpty();
        assertThat(TopBrandsBySales.top(3).fetch(shop)).isEmpty();
        assertThat(RevenuePerGenderPerCategory.all().fetch(shop)).isEmpty();
        assertThat(CustomersWithOrders.all().fetch(shop)).isEmpty();
        assertThat(CustomersWithOrders.page(PageRequest.first(10)).fetch(shop)).isEmpty();
        assertThat(CustomersWithOpenBaskets.all().fetch(shop)).isEmpty();
        assertThat(TopSellersPerCategoryWithRevenue.top(2).fetch(shop)).isEmpty();
        assertThat(MonthlySalesGrowth.in(ZoneOffset.UTC).fetch(shop)).isEmpty();
    }

    @Test
    void monthlySalesForAGivenSpanListItsMonthsEvenInAnEmptyShop() {
        // given no orders at all
        // when a span is asked for
        var rows = MonthlySalesGrowth.in(ZoneOffset.UTC).between(YearMonth.of(2024, 12), YearMonth.of(2025, 1)).fetch(shop);
        // then each month is there with zero sales and no growth, the year boundary included
        BigDecimal zero = new BigDecimal("0.00");
        assertThat(rows).containsExactly(
                new MonthlySalesGrowth.Row(YearMonth.of(2024, 12), zero, zero, zero, null),
                new MonthlySalesGrowth.Row(YearMonth.of(2025, 1), zero, zero, zero, null));
    }
}
