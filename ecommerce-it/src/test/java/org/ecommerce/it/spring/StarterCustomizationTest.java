package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.spring.CheckoutService.ServiceFailure;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.TestDatabase.Login;
import org.ecommerce.it.support.TestDatabase.TwoRoles;
import org.ecommerce.spring.EcommerceBuilderCustomizer;
import org.ecommerce.spring.EcommerceSchemaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a service changes of the starter's set-up: settings without a property through
 * {@link EcommerceBuilderCustomizer}, an {@link Ecommerce} of its own, transactions of another
 * resource than the database, the migrations' URL alone.
 */
@OnBothEngines
class StarterCustomizationTest {

    private final TestDatabase db;

    StarterCustomizationTest(TestDatabase db) {
        this.db = db;
    }

    /** A customizer that moves the library's clock ten years ahead. */
    @Configuration(proxyBeanMethods = false)
    static class TenYearsAhead {

        @Bean
        EcommerceBuilderCustomizer tenYearsAhead() {
            return builder -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(3653)));
        }
    }

    @Test
    void aBuilderCustomizerChangesTheLibraryWhichStillJoinsSpringsTransactions() {
        try (RunningService service = RunningService.onNewDatabase(db, "customizer").with(TenYearsAhead.class).start()) {
            // given a buyer with a card that expires in two years and a gift card, and a product with 5 units
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            GiftCard giftCard = fixtures.giftCard(buyer, "100.00");
            Product product = fixtures.product("10.00", 5);

            // when the card pays, then the library's clock is the customizer's: ten years on, the card has expired
            assertThatThrownBy(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "card", new OrderItem(product.id(), 1))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("paymentMethodId"));

            // when the service's method opens an account, places an order paid by the gift card and then fails
            assertThatThrownBy(() -> service.checkout().openAccountAndOrderThenFail("ada",
                    PlaceOrder.of(buyer.id(), giftCard.id(), "gift", new OrderItem(product.id(), 2))))
                    .isInstanceOf(ServiceFailure.class);

            // then the order rolled back with the method, as without a customizer
            assertThat(service.checkout().hasAccount("ada")).isFalse();
            assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "gift")).isEmpty();
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        }
    }

    /** The service's own library, built from the pool without anything of the starter's. */
    @Configuration(proxyBeanMethods = false)
    static class OwnEcommerce {

        @Bean
        Ecommerce servicesOwnShop(DataSource dataSource) {
            return Ecommerce.builder(dataSource).build();
        }
    }

    @Test
    void anEcommerceOfTheServicesOwnReplacesTheStartersAndTheMigrationsStillRunBeforeIt() {
        try (RunningService service = RunningService.onNewDatabase(db, "ownshop").with(OwnEcommerce.class).start()) {
            // given a service that defines its own Ecommerce bean, started on an empty database
            // when it asks for the library
            // then it gets its own bean, the only one
            assertThat(service.beanNames(Ecommerce.class)).containsExactly("servicesOwnShop");
            // and the library's migrations ran at start-up all the same, before the bean was made
            assertThat(service.bean(EcommerceSchemaMigration.class).result().migrationsApplied()).isPositive();
            assertThat(new ShopFixtures(service.shop()).product("2.00", 4).stock()).isEqualTo(4);
        }
    }

    /**
     * A transaction manager of a resource that is not the database (as a Kafka or JMS one is): its
     * transactions hold no connection of the service's pool.
     */
    static final class OtherResourceTransactionManager extends AbstractPlatformTransactionManager {

        private static final long serialVersionUID = 1L;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    @Test
    void underATransactionOfAnotherResourceEachLibraryCallIsATransactionOfItsOwn() {
        try (RunningService service = RunningService.onNewDatabase(db, "otherresource").start()) {
            // given a product with 5 units
            Ecommerce shop = service.shop();
            Product product = new ShopFixtures(shop).product("10.00", 5);
            TransactionTemplate otherResource = new TransactionTemplate(new OtherResourceTransactionManager());

            // when, inside a transaction of the other resource that then rolls back, the service reads with
            // its own SQL (which holds a connection in auto-commit mode for the rest of that transaction)
            // and the library restocks 3 units
            int inside = otherResource.execute(status -> {
                assertThat(service.sql().queryForObject("SELECT COUNT(*) FROM product", Long.class)).isPositive();
                int stock = shop.catalog().restock(product.id(), 3).stock();
                status.setRollbackOnly();
                return stock;
            });

            // then the restock ran and committed on its own: nothing of the database was in that transaction
            assertThat(inside).isEqualTo(8);
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(8);
        }
    }

    @Test
    void withOnlyTheMigrationsUrlSetTheyConnectAsThePoolsUser() {
        // given a new database, and a service whose pool connects as the owner with the user given apart from the URL
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("migrationurl");
        Login owner = roles.owner();

        // when the library's migrations are given the URL alone
        try (RunningService service = RunningService.as(owner, db.engine())
                .with("spring.flyway.enabled=false", "ecommerce.migration.url=" + owner.url()).start()) {

            // then they connected as the pool's user, with its password, and migrated
            JdbcTemplate asOwner = new JdbcTemplate(new DriverManagerDataSource(owner.url(), owner.user(), owner.password()));
            assertThat(asOwner.queryForList("SELECT DISTINCT LOWER(\"installed_by\") FROM ecommerce_schema_history", String.class))
                    .containsExactly(owner.user().toLowerCase(Locale.ROOT));
            assertThat(service.bean(EcommerceSchemaMigration.class).result().migrationsApplied()).isPositive();
        }
    }
}
