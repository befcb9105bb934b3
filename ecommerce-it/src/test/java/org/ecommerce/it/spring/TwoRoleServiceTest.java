package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.TestDatabase.Login;
import org.ecommerce.it.support.TestDatabase.TwoRoles;
import org.ecommerce.schema.Engine;
import org.ecommerce.spring.EcommerceSchemaMigration;
import org.ecommerce.spring.SchemaOwnerRequiredException;
import org.ecommerce.spring.SchemaOwnerRequiredFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A service with two roles: its pool connects as the application role, which may only read and
 * write rows, while Spring Boot's Flyway and the library's migrations connect as the schema's
 * owner ({@code spring.flyway.user}, or the library's own {@code ecommerce.migration.*}), and the
 * library grants the application role its rights ({@code ecommerce.grant-to}).
 */
@OnBothEngines
class TwoRoleServiceTest {

    private final TestDatabase db;

    TwoRoleServiceTest(TestDatabase db) {
        this.db = db;
    }

    /**
     * The service as a two-role service is configured: the pool as the application role, Boot's
     * Flyway as the owner on the pool's URL, grants to the application role.
     */
    private RunningService.Starter twoRoleService(TwoRoles roles) {
        return RunningService.as(roles.application(), db.engine())
                .with("spring.flyway.user=" + roles.owner().user())
                .withOptional("spring.flyway.password", roles.owner().password())
                .with("ecommerce.grant-to=" + roles.application().user());
    }

    @Test
    void theServiceStartsOnAnEmptyDatabaseWithBothMigrationsRunAsTheOwnerAndItsPoolAsTheApplicationRole() {
        // given a new database where the application role exists and may do nothing yet
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("tworoles");
        JdbcTemplate owner = connectedAs(roles.owner());

        // when the service starts with its pool as the application role and Boot's Flyway as the owner
        try (RunningService service = twoRoleService(roles).start()) {

            // then the pool connects as the application role
            assertThat(service.sql().queryForObject("SELECT CURRENT_USER", String.class))
                    .isEqualToIgnoringCase(roles.application().user());
            // and Boot's Flyway and the library both migrated, as the owner
            assertThat(ServiceStartupTest.scripts(owner, "flyway_schema_history"))
                    .containsExactlyElementsOf(ServiceStartupTest.SERVICE_SCRIPTS);
            assertThat(service.bean(EcommerceSchemaMigration.class).result().migrationsApplied()).isPositive();
            assertThat(installers(owner, "flyway_schema_history")).containsExactly(lower(roles.owner().user()));
            assertThat(installers(owner, "ecommerce_schema_history")).containsExactly(lower(roles.owner().user()));
            // and the tables are the owner's: on PostgreSQL it owns every one of them
            if (db.engine() == Engine.POSTGRESQL) {
                assertThat(owner.queryForList("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname IN ('public', 'crm')",
                        String.class)).containsExactly(roles.owner().user());
            }
            // and the application role may not add a table of its own
            assertDenied(service.sql(), "CREATE TABLE intruder (id INT)");
        }
    }

    @Test
    void theOwnersConnectionsAreClosedOnceTheMigrationsAreDone() throws InterruptedException {
        // given a new database with both roles
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("ownerclosed");
        JdbcTemplate owner = connectedAs(roles.owner());

        // when the service has started, both migrations having connected as the owner
        try (RunningService service = twoRoleService(roles).start()) {

            // then no connection of the owner is left open, while the pool's are
            assertThat(otherConnectionsOf(owner)).isZero();
            assertThat(service.shop().engine()).isEqualTo(db.engine());
        }
    }

    @Test
    void asTheApplicationRoleTheLibraryPlacesAnOrderAndTheStockTriggerCannotBeSwitchedOff() {
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("tworolesorder");
        try (RunningService service = twoRoleService(roles).start()) {
            // given a product with 3 units
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("6.00", 3);

            // when an order for 2 is placed through the auto-configured library, on the application role's pool
            shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "as-app", new OrderItem(product.id(), 2)));

            // then the stock was taken
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(1);
            // and the application role may not switch off the triggers of order_line
            assertDenied(service.sql(), db.engine() == Engine.POSTGRESQL
                    ? "ALTER TABLE order_line DISABLE TRIGGER ALL"
                    : "DROP TRIGGER order_line_take_stock");
            // so an order for more than the stock is still refused
            assertThatThrownBy(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "too-many",
                    new OrderItem(product.id(), 2)))).isInstanceOf(OutOfStockException.class);
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(1);
        }
    }

    @Test
    void aServiceWithoutBootsFlywayMigratesTheLibraryAsEcommerceMigrationSaysWhichWinsOverSpringFlyway() {
        // given a new database with both roles
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("ownmigration");
        Login app = roles.application();
        Login owner = roles.owner();

        // when a service without Boot's Flyway starts with its pool as the application role, the
        // library's own migration settings as the owner, and spring.flyway.* as the application role
        try (RunningService service = RunningService.as(app, db.engine())
                .with("spring.flyway.enabled=false", "spring.flyway.user=" + app.user())
                .withOptional("spring.flyway.password", app.password())
                .with("ecommerce.migration.url=" + owner.url(), "ecommerce.migration.user=" + owner.user())
                .withOptional("ecommerce.migration.password", owner.password())
                .with("ecommerce.grant-to=" + app.user())
                .start()) {

            // then the library was migrated by the owner, and Boot's Flyway did not run
            JdbcTemplate asOwner = connectedAs(owner);
            assertThat(installers(asOwner, "ecommerce_schema_history")).containsExactly(lower(owner.user()));
            assertThat(ServiceStartupTest.tablesIn(asOwner, "public")).contains("product").doesNotContain("flyway_schema_history");
            // and the library works on the application role's pool
            assertThat(new ShopFixtures(service.shop()).product("2.00", 4).stock()).isEqualTo(4);
        }
    }

    @Test
    void withThePoolAsTheApplicationRoleAndNoOwnerTheServiceDoesNotStartAndNamesThePropertiesForTheOwner() {
        // given a new database with both roles
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("noowner");
        Login app = roles.application();

        // when a service without Boot's Flyway starts with its pool as the application role, grants
        // to that same role, and says nothing of the owner
        Throwable failure = catchThrowable(RunningService.as(app, db.engine())
                .with("spring.flyway.enabled=false", "ecommerce.grant-to=" + app.user())::start);

        // then it does not start, and Spring Boot's report says the migrations need the owner and how to give them one
        FailureAnalysis report = reportOf(failure);
        assertThat(report.getDescription()).contains("\"" + lower(app.user()) + "\"", "ecommerce.grant-to names that same user",
                "owner of the schema");
        assertThat(report.getAction()).contains("spring.flyway.user", "ecommerce.migration.user", "ecommerce.grant-to");
        // and nothing was migrated
        assertThat(ServiceStartupTest.tablesIn(connectedAs(roles.owner()), "public")).isEmpty();
    }

    @Test
    void withoutGrantToTheMigrationsRefusedForWantOfARightAlsoNameThePropertiesForTheOwner() {
        // given a new database with both roles
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("denied");
        Login app = roles.application();

        // when a service without Boot's Flyway starts with its pool as the application role and no owner
        Throwable failure = catchThrowable(RunningService.as(app, db.engine()).with("spring.flyway.enabled=false")::start);

        // then the database's refusal is reported as the want of the schema's owner
        FailureAnalysis report = reportOf(failure);
        assertThat(report.getDescription()).contains("\"" + lower(app.user()) + "\"", "on the application's DataSource",
                "the database refused them", "owner of the schema");
        assertThat(report.getAction()).contains("spring.flyway.user", "ecommerce.migration.user");
    }

    /** What Spring Boot's failure report says about a start that failed for want of the owner. */
    private static FailureAnalysis reportOf(Throwable failure) {
        assertThat(failure).as("the start's failure").isNotNull();
        assertThat(causeOf(failure, SchemaOwnerRequiredException.class)).as("the starter's explanation in " + failure).isNotNull();
        FailureAnalysis report = new SchemaOwnerRequiredFailureAnalyzer().analyze(failure);
        assertThat(report).as("failure analysis").isNotNull();
        return report;
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Asserts that the statement is refused for want of a right (PostgreSQL: 42501; H2: 90096 or 90040). */
    private void assertDenied(JdbcTemplate sql, String statement) {
        Throwable refusal = catchThrowable(() -> sql.execute(statement));
        assertThat(refusal).as("refusal of: " + statement).isNotNull().rootCause().isInstanceOf(SQLException.class);
        Set<String> denied = db.engine() == Engine.POSTGRESQL ? Set.of("42501") : Set.of("90096", "90040");
        assertThat(((SQLException) rootCause(refusal)).getSQLState()).as("SQLSTATE of " + refusal.getMessage()).isIn(denied);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The owner's connections to the database other than the asking one. PostgreSQL ends the
     * server process of a closed connection a moment after the close, so this waits a little for
     * them to go.
     */
    private long otherConnectionsOf(JdbcTemplate owner) throws InterruptedException {
        String sql = db.engine() == Engine.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user"
                        + " AND pid <> pg_backend_pid()"
                : "SELECT COUNT(*) FROM information_schema.sessions WHERE user_name = CURRENT_USER AND session_id <> SESSION_ID()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long open = owner.queryForObject(sql, Long.class);
        while (open > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            open = owner.queryForObject(sql, Long.class);
        }
        return open;
    }

    /** Who applied the migrations a Flyway history table records, in lower case. */
    private static List<String> installers(JdbcTemplate sql, String historyTable) {
        return sql.queryForList("SELECT DISTINCT LOWER(\"installed_by\") FROM " + historyTable, String.class);
    }

    /** Plain SQL as {@code login}, each statement on a connection of its own. */
    private static JdbcTemplate connectedAs(Login login) {
        return new JdbcTemplate(new DriverManagerDataSource(login.url(), login.user(), login.password()));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
