package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.spring.EcommerceSchemaMigration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot service with its own Flyway migrations starts with the starter on an empty
 * database: Boot's Flyway migrates the service, the starter migrates the library beside it, each
 * in a history table of its own, and a restart finds nothing to do.
 */
@OnBothEngines
class ServiceStartupTest {

    /** The service's own migrations, in src/test/resources/db/migration. */
    static final List<String> SERVICE_SCRIPTS = List.of("V1__app_account.sql", "V2__app_audit.sql", "V3__crm_customer.sql");

    private final TestDatabase db;

    ServiceStartupTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theServiceStartsWithBootsFlywayOnAndBothTheServicesAndTheLibrarysTablesExist() {
        // when the service starts on an empty database
        try (RunningService service = RunningService.onNewDatabase(db, "startup").start()) {

            // then the service's tables and the library's tables are there
            assertThat(tablesIn(service.sql(), "public")).contains("app_account", "app_audit", "flyway_schema_history",
                    "customer", "product", "orders", "ecommerce_schema_history");
            assertThat(tablesIn(service.sql(), "crm")).containsExactly("customer");
            assertThat(service.bean(EcommerceSchemaMigration.class).result().migrationsApplied()).isPositive();

            // and the library works on them
            ShopFixtures fixtures = new ShopFixtures(service.shop());
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("4.00", 3);
            service.shop().orders().place(PlaceOrder.of(buyer.id(), card.id(), "first", new OrderItem(product.id(), 1)));
            assertThat(service.shop().catalog().get(product.id()).stock()).isEqualTo(2);
        }
    }

    @Test
    void eachHistoryTableHoldsOnlyItsOwnMigrations() {
        // when the service starts on an empty database
        try (RunningService service = RunningService.onNewDatabase(db, "histories").start()) {

            // then Boot's Flyway recorded the service's migrations, and only those
            assertThat(scripts(service.sql(), "flyway_schema_history")).containsExactlyElementsOf(SERVICE_SCRIPTS);
            // and the library recorded its own (its V1 too, which the service's V1 did not hide), none of the service's
            List<String> library = scripts(service.sql(), "ecommerce_schema_history");
            assertThat(library).contains("V1__customer.sql", "V5__orders.sql").doesNotContainAnyElementsOf(SERVICE_SCRIPTS);
        }
    }

    @Test
    void theServicesOwnDatabaseCodeWaitsForTheLibrarysMigrationsAsForItsOwn() {
        // when the service starts
        try (RunningService service = RunningService.onNewDatabase(db, "initorder").start()) {

            // then Spring Boot ran the library's migrations after the service's Flyway, and before
            // the beans it holds back until the database is initialised, such as the JdbcTemplate and the library
            assertThat(service.dependenciesOf("ecommerceSchemaMigration")).contains("flywayInitializer");
            assertThat(service.dependenciesOf("jdbcTemplate")).contains("flywayInitializer", "ecommerceSchemaMigration");
            assertThat(service.dependenciesOf("ecommerce")).contains("ecommerceSchemaMigration");
        }
    }

    @Test
    void aRestartOnTheSameDatabaseAppliesNothingAndStarts() {
        // given a service that started once on a database and placed an order
        String url = db.newEmptyDatabaseUrl("restart");
        long product;
        try (RunningService first = RunningService.on(url, db.engine()).start()) {
            product = new ShopFixtures(first.shop()).product("1.00", 7).id();
        }

        // when it starts again on the same database
        try (RunningService second = RunningService.on(url, db.engine()).start()) {

            // then neither Boot's Flyway nor the library applied anything, and the data is the first run's
            assertThat(second.bean(EcommerceSchemaMigration.class).result().migrationsApplied()).isZero();
            assertThat(second.bean(Flyway.class).info().pending()).isEmpty();
            assertThat(scripts(second.sql(), "flyway_schema_history")).containsExactlyElementsOf(SERVICE_SCRIPTS);
            assertThat(second.shop().catalog().get(product).stock()).isEqualTo(7);
        }
    }

    @Test
    void withMigrateOnStartOffTheLibraryDoesNotTouchTheSchema() {
        // when the service starts with the library's migrations switched off
        try (RunningService service = RunningService.onNewDatabase(db, "nomigrate").with("ecommerce.migrate-on-start=false").start()) {

            // then only the service's migrations ran, and the library is there to be used once its schema is
            assertThat(service.hasBean(EcommerceSchemaMigration.class)).isFalse();
            assertThat(tablesIn(service.sql(), "public")).contains("app_account").doesNotContain("product", "ecommerce_schema_history");
            assertThat(service.shop().engine()).isEqualTo(db.engine());
        }
    }

    /** The tables of {@code schema}, by lower-case name. */
    static List<String> tablesIn(JdbcTemplate sql, String schema) {
        return sql.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name",
                String.class, schema);
    }

    /**
     * The scripts of the migrations a Flyway history table recorded as applied, in their order:
     * without Flyway's markers of a baseline or of a schema it created.
     */
    static List<String> scripts(JdbcTemplate sql, String historyTable) {
        // Flyway's column names are lower case, quoted on H2
        return sql.queryForList("SELECT \"script\" FROM " + historyTable + " WHERE \"version\" IS NOT NULL"
                + " AND \"type\" <> 'BASELINE' AND \"success\" ORDER BY \"installed_rank\"", String.class);
    }
}
