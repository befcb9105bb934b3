package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.CustomersWithOrders;
import org.ecommerce.queries.InteractionsByHourOfDay;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.queries.MostPopularProducts;
import org.ecommerce.queries.TimeRange;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.ecommerce.queries.TopSellersPerCategory;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * What every query object offers besides its answer: parameter validation with typed errors,
 * its SQL per engine, and the same rows from a {@code DataSource}, the entry point, or a stream.
 */
@OnBothEngines
class QueryObjectsTest {

    private final TestDatabase db;
    private final AnalyticsShop given;

    QueryObjectsTest(TestDatabase db) {
        this.db = db;
        given = AnalyticsShop.in(db);
    }

    @Test
    void badParametersAreRefusedWithAValidationErrorNamingTheField() {
        // when / then
        assertRefused("limit", () -> TopCustomersByExpenditure.top(0));
        assertRefused("range", () -> TopCustomersByExpenditure.top(5).placedWithin(null));
        assertRefused("range.until", () -> TimeRange.of(Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));
        assertRefused("kinds", () -> TopCustomersByInteractions.top(5).ofKinds());
        assertRefused("kinds", () -> TopCustomersByInteractions.top(5).ofKinds(InteractionKind.VIEW, null));
        assertRefused("limit", () -> MostPopularProducts.top(-1));
        assertRefused("perCategory", () -> TopSellersPerCategory.top(0));
        assertRefused("ranking", () -> TopSellersPerCategory.top(2).ranked(null));
        assertRefused("perCategory", () -> TopSellersPerCategoryWithRevenue.top(0));
        assertRefused("zone", () -> InteractionsByHourOfDay.in(null));
        // PostgreSQL would read '+02:00' as two hours west of UTC: fixed offsets are refused, UTC is fine
        assertRefused("zone", () -> InteractionsByHourOfDay.in(ZoneOffset.ofHours(2)));
        // and so are the offsets Java reads as regions named after them
        assertRefused("zone", () -> InteractionsByHourOfDay.in(ZoneId.of("GMT+2")));
        assertRefused("zone", () -> MonthlySalesGrowth.in(ZoneId.of("UTC+05:30")));
        assertThat(InteractionsByHourOfDay.in(ZoneId.of("GMT")).sql(db.engine())).contains("'UTC'");
        assertRefused("threshold", () -> LowStockProducts.below(0));
        assertRefused("page", () -> CustomersWithOrders.page(null));
        assertRefused("last", () -> MonthlySalesGrowth.in(ZoneOffset.UTC).between(YearMonth.of(2025, 3), YearMonth.of(2025, 2)));
    }

    @Test
    void theSqlOfAQueryIsShownPerEngineWithPlaceholdersOrWithItsValues() {
        // given
        var query = LowStockProducts.below(200);
        // when
        String statement = query.sql(db.engine());
        String withValues = query.sqlWithValues(db.engine());
        // then the statement binds the threshold (H2's rendering casts the placeholder), and the text for psql carries it
        assertThat(statement).startsWith("select").contains("from product").containsPattern("stock < (\\?|cast\\(\\? as int\\))")
                .contains("order by product.stock, product.id");
        assertThat(withValues).contains("stock < 200").doesNotContain("?");
    }

    @Test
    void theSameRowsComeFromTheDataSourceTheEntryPointAndAStream() {
        // given
        var query = CustomersWithOrders.all();
        List<CustomersWithOrders.Row> viaShop = query.fetch(given.shop);
        // when
        List<CustomersWithOrders.Row> viaDataSource = query.fetch(db.dataSource());
        List<CustomersWithOrders.Row> streamed;
        try (Stream<CustomersWithOrders.Row> rows = query.stream(db.dataSource())) {
            streamed = rows.toList();
        }
        // then
        assertThat(viaDataSource).isEqualTo(viaShop).hasSize(5);
        assertThat(streamed).isEqualTo(viaShop);
    }

    @Test
    void aStreamReadOnlyInPartReleasesItsConnectionWhenClosed() throws Exception {
        // given a pool of one connection, which a connection left open would exhaust
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            // and a stream of which only the first customer is read
            try (Stream<CustomersWithOrders.Row> rows = CustomersWithOrders.all().stream(pool)) {
                assertThat(rows.findFirst()).map(CustomersWithOrders.Row::customerId).contains(given.ada.id());
            }
            // when the pool's connection is asked for again afterwards
            var again = TopCustomersByExpenditure.top(1).fetch(pool);
            // then the stream gave it back, with nothing left locked or half-read
            assertThat(again).extracting(TopCustomersByExpenditure.Row::customerId).containsExactly(given.ada.id());
        }
    }

    @Test
    void aZoneIdNamedUtcIsAcceptedLikeTheUtcOffset() {
        // when / then
        assertThat(InteractionsByHourOfDay.in(ZoneId.of("UTC")).fetch(given.shop))
                .isEqualTo(InteractionsByHourOfDay.in(ZoneOffset.UTC).fetch(given.shop));
    }

    private static void assertRefused(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
