package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MostPopularProducts;
import org.ecommerce.queries.Ranking;
import org.ecommerce.queries.RevenuePerGenderPerCategory;
import org.ecommerce.queries.TopBrandsBySales;
import org.ecommerce.queries.TopSellersPerCategory;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;
import org.junit.jupiter.api.Test;

/** The product and sales questions (4, 5, 7, 8, 9, 12) against {@link AnalyticsShop}. */
@OnBothEngines
class SalesQueriesTest {

    private final Ecommerce shop;
    private final AnalyticsShop given;

    SalesQueriesTest(TestDatabase db) {
        given = AnalyticsShop.in(db);
        shop = given.shop;
    }

    @Test
    void mostPopularProductsRankByUnitsSoldBreakTiesByProductIdAndLeaveOutProductsNeverSold() {
        // given units sold: novel 1+2+2, earbuds 3+1, headphones 2+1, atlas 3, cookbook 3, speaker 1, gnome none
        // when
        var rows = MostPopularProducts.top(10).fetch(shop);
        // then the three products with 3 units keep creation (id) order, and the gnome is absent
        assertThat(rows).containsExactly(
                new MostPopularProducts.Row(given.novel.id(), "Novel", 5, 3),
                new MostPopularProducts.Row(given.earbuds.id(), "Earbuds", 4, 2),
                new MostPopularProducts.Row(given.headphones.id(), "Studio headphones", 3, 2),
                new MostPopularProducts.Row(given.atlas.id(), "Atlas", 3, 1),
                new MostPopularProducts.Row(given.cookbook.id(), "Cookbook", 3, 1),
                new MostPopularProducts.Row(given.speaker.id(), "Speaker", 1, 1));
    }

    @Test
    void mostPopularProductsStopAtTheLimit() {
        // when only the top two are asked for
        var rows = MostPopularProducts.top(2).fetch(shop);
        // then
        assertThat(rows).extracting(MostPopularProducts.Row::productId).containsExactly(given.novel.id(), given.earbuds.id());
    }

    @Test
    void topSellersPerCategoryWithRowNumberKeepExactlyNAndPreferTheLowerProductIdOnATie() {
        // given Books: novel 5, atlas 3, cookbook 3 (a tie); Headphones: earbuds 4, headphones 3; Audio: speaker 1
        // when
        var rows = TopSellersPerCategory.top(2).fetch(shop);
        // then categories come by name, and atlas (created before cookbook) wins the tie
        assertThat(rows).containsExactly(
                new TopSellersPerCategory.Row(given.audio.id(), "Audio", 1, given.speaker.id(), "Speaker", 1),
                new TopSellersPerCategory.Row(given.books.id(), "Books", 1, given.novel.id(), "Novel", 5),
                new TopSellersPerCategory.Row(given.books.id(), "Books", 2, given.atlas.id(), "Atlas", 3),
                new TopSellersPerCategory.Row(given.headphonesCategory.id(), "Headphones", 1, given.earbuds.id(), "Earbuds", 4),
                new TopSellersPerCategory.Row(given.headphonesCategory.id(), "Headphones", 2, given.headphones.id(),
                        "Studio headphones", 3));
    }

    @Test
    void topSellersPerCategoryWithRankIncludeEveryProductTiedAtTheLastPlace() {
        // when ranked with RANK semantics
        var books = TopSellersPerCategory.top(2).ranked(Ranking.RANK).fetch(shop).stream()
                .filter(r -> r.categoryId() == given.books.id()).toList();
        // then atlas and cookbook share rank 2, listed by product id
        assertThat(books).containsExactly(
                new TopSellersPerCategory.Row(given.books.id(), "Books", 1, given.novel.id(), "Novel", 5),
                new TopSellersPerCategory.Row(given.books.id(), "Books", 2, given.atlas.id(), "Atlas", 3),
                new TopSellersPerCategory.Row(given.books.id(), "Books", 2, given.cookbook.id(), "Cookbook", 3));
    }

    @Test
    void topSellersPerCategoryWithRevenueAddTheSubtotalsAtThePricesPaid() {
        // when the top seller of each category is asked for
        var rows = TopSellersPerCategoryWithRevenue.top(1).fetch(shop);
        // then revenue is units x price paid: speaker 1 x 110, novel 5 x 20, earbuds 4 x 50
        assertThat(rows).containsExactly(
                new TopSellersPerCategoryWithRevenue.Row(given.audio.id(), "Audio", 1, given.speaker.id(), "Speaker", 1,
                        new BigDecimal("110.00")),
                new TopSellersPerCategoryWithRevenue.Row(given.books.id(), "Books", 1, given.novel.id(), "Novel", 5,
                        new BigDecimal("100.00")),
                new TopSellersPerCategoryWithRevenue.Row(given.headphonesCategory.id(), "Headphones", 1, given.earbuds.id(),
                        "Earbuds", 4, new BigDecimal("200.00")));
        assertThat(rows).allSatisfy(r -> assertThat(r.revenue().scale()).isEqualTo(2));
    }

    @Test
    void lowStockProductsListStockBelowTheThresholdLowestFirstCountingSalesAndCompletedReturns() {
        // given stock now: gnome 5; atlas 100 - 3 sold + 1 back from a completed return = 98;
        // cookbook 200 - 3 = 197; novel 210 - 5 + 2 back = 207; speaker 250 - 1 (its return is only pending) = 249
        // when
        var rows = LowStockProducts.below(200).fetch(shop);
        // then
        assertThat(rows).containsExactly(
                new LowStockProducts.Row(given.gnome.id(), "Garden gnome", 5),
                new LowStockProducts.Row(given.atlas.id(), "Atlas", 98),
                new LowStockProducts.Row(given.cookbook.id(), "Cookbook", 197));
    }

    @Test
    void lowStockThresholdIsExclusive() {
        // given the gnome has exactly 5 units
        // when / then
        assertThat(LowStockProducts.below(5).fetch(shop)).isEmpty();
        assertThat(LowStockProducts.below(6).fetch(shop)).extracting(LowStockProducts.Row::productId)
                .containsExactly(given.gnome.id());
    }

    @Test
    void topBrandsRankByRevenueAndLeaveOutBrandsThatNeverSold() {
        // given Sonic: headphones 300 + earbuds 200 + speaker 110; Papyrus: novel 100 + atlas 120 + cookbook 90; Idle: nothing
        // when
        var rows = TopBrandsBySales.top(3).fetch(shop);
        // then
        assertThat(rows).containsExactly(
                new TopBrandsBySales.Row(given.sonic.id(), "Sonic", 8, new BigDecimal("610.00")),
                new TopBrandsBySales.Row(given.papyrus.id(), "Papyrus", 11, new BigDecimal("310.00")));
        assertThat(TopBrandsBySales.top(1).fetch(shop)).extracting(TopBrandsBySales.Row::brandId)
                .containsExactly(given.sonic.id());
    }

    @Test
    void revenuePerGenderPerCategoryAddsEachBuyersLinesToTheirGenderAndTheProductsOwnCategory() {
        // given ada (female): headphones 200, novel 20, speaker 110; bob (male): earbuds 150, novel 40 + 40, headphones 100;
        // cyd (non-binary): atlas 120, earbuds 50, cookbook 90
        // when
        var rows = RevenuePerGenderPerCategory.all().fetch(shop);
        // then
        assertThat(rows).containsExactly(
                new RevenuePerGenderPerCategory.Row(Gender.FEMALE, given.audio.id(), "Audio", 1, new BigDecimal("110.00")),
                new RevenuePerGenderPerCategory.Row(Gender.FEMALE, given.books.id(), "Books", 1, new BigDecimal("20.00")),
                new RevenuePerGenderPerCategory.Row(Gender.FEMALE, given.headphonesCategory.id(), "Headphones", 2,
                        new BigDecimal("200.00")),
                new RevenuePerGenderPerCategory.Row(Gender.MALE, given.books.id(), "Books", 4, new BigDecimal("80.00")),
                new RevenuePerGenderPerCategory.Row(Gender.MALE, given.headphonesCategory.id(), "Headphones", 4,
                        new BigDecimal("250.00")),
                new RevenuePerGenderPerCategory.Row(Gender.NON_BINARY, given.books.id(), "Books", 6, new BigDecimal("210.00")),
                new RevenuePerGenderPerCategory.Row(Gender.NON_BINARY, given.headphonesCategory.id(), "Headphones", 1,
                        new BigDecimal("50.00")));
    }
}
