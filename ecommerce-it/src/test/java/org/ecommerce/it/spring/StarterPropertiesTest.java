package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.StatementTimeoutException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.internal.StatementLog;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.CapturedLog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.ecommerce.spring.EcommerceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code ecommerce.*} properties of the service's configuration reach the library.
 */
@OnBothEngines
class StarterPropertiesTest {

    private final TestDatabase db;

    StarterPropertiesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    @Timeout(60) // a timeout that cancelled nothing would leave H2 counting for hours
    void theStatementTimeoutCancelsALibraryStatementThatRunsLonger() {
        try (RunningService service = RunningService.onNewDatabase(db, "timeout").with("ecommerce.statement-timeout=1s").start()) {
            // given a statement that runs for many seconds
            String slow = switch (db.engine()) {
                case POSTGRESQL -> "SELECT pg_sleep(10)";
                case H2 -> "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a CROSS JOIN SYSTEM_RANGE(1, 100000) b";
            };

            // when the library runs it
            assertThatThrownBy(() -> service.shop().read("slow", dsl -> dsl.fetch(slow)))
                    // then the database cancels it before it ends
                    .isInstanceOf(StatementTimeoutException.class);
        }
    }

    @Test
    @Timeout(60)
    void aReadCancelledInsideSpringsTransactionSaysWhetherThatTransactionMustRunAgain() {
        try (RunningService service = RunningService.onNewDatabase(db, "timeoutinside").with("ecommerce.statement-timeout=1s").start()) {
            // given a statement that runs for many seconds, and a Spring transaction
            String slow = switch (db.engine()) {
                case POSTGRESQL -> "SELECT pg_sleep(10)";
                case H2 -> "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a CROSS JOIN SYSTEM_RANGE(1, 100000) b";
            };
            TransactionTemplate transaction = new TransactionTemplate(service.bean(PlatformTransactionManager.class));

            // when the library runs it inside the transaction, on the transaction's connection, and the database cancels it
            StatementTimeoutException cancelled = transaction.execute(status -> {
                try {
                    service.shop().read("slow", dsl -> dsl.fetch(slow));
                    return null;
                } catch (StatementTimeoutException e) {
                    status.setRollbackOnly();
                    return e;
                }
            });

            // then the exception tells the service to run its transaction again where the cancellation aborted
            // it (PostgreSQL, where any error does), and not where the transaction may go on (H2)
            assertThat(cancelled).isNotNull();
            assertThat(cancelled.retryTransaction()).isEqualTo(db.engine() == Engine.POSTGRESQL);
        }
    }

    @Test
    void aStatementTimeoutGivenAsABareNumberIsInSeconds() {
        // when a service sets the timeout without a unit
        try (RunningService service = RunningService.onNewDatabase(db, "timeoutunit").with("ecommerce.statement-timeout=30").start()) {
            // then it means 30 seconds, as Spring Boot's own timeouts do
            assertThat(service.bean(EcommerceProperties.class).statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void withMaxRetriesZeroTheVictimOfADeadlockFailsInsteadOfRunningAgain() throws Exception {
        try (RunningService service = RunningService.onNewDatabase(db, "noretries").with("ecommerce.max-retries=0").start()) {
            // given two products, and two library transactions that restock them in opposite order
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Product x = fixtures.product("1.00", 0);
            Product y = fixtures.product("1.00", 0);

            // when both hold their first lock before asking for the second
            List<Throwable> failures = crossedRestocks(shop, x, y);

            // then the victim was not run again: it failed with a transient error, and only the other restocked
            assertThat(failures).singleElement().isInstanceOf(TransientDataAccessException.class);
            assertThat(shop.catalog().get(x.id()).stock() + shop.catalog().get(y.id()).stock()).isEqualTo(2);
        }
    }

    @Test
    void theSchemaPropertyPutsTheLibrarysTablesInItsOwnSchemaBesideTheServicesCustomerTable() {
        // given a service whose migrations create a customer table of its own in the default schema
        try (RunningService service = RunningService.onNewDatabase(db, "ownschema")
                .with("spring.flyway.locations=classpath:db/migration,classpath:db/public-customer", "ecommerce.schema=shop")
                .start()) {

            // then the library's tables and history are in schema shop, the service's customer in public
            assertThat(ServiceStartupTest.tablesIn(service.sql(), "shop"))
                    .contains("customer", "product", "orders", "ecommerce_schema_history");
            assertThat(ServiceStartupTest.tablesIn(service.sql(), "public"))
                    .contains("customer", "app_account", "flyway_schema_history").doesNotContain("product", "orders");

            // and the library works in its schema
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("8.00", 3);
            Order order = shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "in-shop", new OrderItem(product.id(), 2)));
            assertThat(shop.orders().get(order.id()).lines()).hasSize(1);
            assertThat(service.sql().queryForObject("SELECT stock FROM shop.product WHERE id = ?", Integer.class, product.id()))
                    .isEqualTo(1);
            assertThat(service.sql().queryForObject("SELECT COUNT(*) FROM public.customer", Integer.class)).isZero();
        }
    }

    @Test
    void withMigrateFirstTheServicesMigrationsMayReferToTheLibrarysTablesOnANewDatabase() {
        // given a new database, and a service migration with a foreign key to the library's customers in schema shop
        try (RunningService service = RunningService.onNewDatabase(db, "refersto")
                .with("spring.flyway.locations=classpath:db/migration,classpath:db/refers-to-library", "ecommerce.schema=shop",
                        "ecommerce.migrate-first=true")
                .start()) {

            // when the service has started, and a customer registered through the library gets a loyalty card
            Customer buyer = new ShopFixtures(service.shop()).customer();
            service.sql().update("INSERT INTO loyalty_card (customer_id, points) VALUES (?, 10)", buyer.id());

            // then the service's table holds it, and its key refuses a customer the library does not have
            assertThat(service.sql().queryForObject("SELECT points FROM loyalty_card WHERE customer_id = ?", Integer.class,
                    buyer.id())).isEqualTo(10);
            assertThatThrownBy(() -> service.sql().update("INSERT INTO loyalty_card (customer_id, points) VALUES (?, 1)",
                    buyer.id() + 1000)).isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @Test
    void theHistoryTablePropertyNamesTheTableOfTheLibrarysMigrations() {
        try (RunningService service = RunningService.onNewDatabase(db, "historytable")
                .with("ecommerce.history-table=library_migrations").start()) {
            assertThat(ServiceStartupTest.scripts(service.sql(), "library_migrations")).contains("V1__customer.sql");
            assertThat(ServiceStartupTest.tablesIn(service.sql(), "public")).doesNotContain("ecommerce_schema_history");
        }
    }

    @Test
    void withCreateSchemaOffTheServiceDoesNotStartWhileTheLibrarysSchemaIsMissing() {
        // when the service starts with the library in a schema that does not exist and may not be created
        RunningService.Starter service = RunningService.onNewDatabase(db, "nocreate")
                .with("ecommerce.schema=missing", "ecommerce.create-schema=false");

        // then it fails at start-up, naming the schema
        assertThatThrownBy(service::start).rootCause().hasMessageContaining("\"missing\" does not exist");
    }

    @Test
    void theSlowStatementThresholdLogsTheLibrarysStatementsAtWarn() {
        try (RunningService service = RunningService.onNewDatabase(db, "slowlog")
                .with("ecommerce.slow-statement-threshold=0ms").start();
             CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
            // when the library runs statements, every one of which takes at least no time
            Product product = new ShopFixtures(service.shop()).product("1.00", 3);

            // then they are logged as slow, at WARN
            assertThat(log.records()).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).contains("product").contains(product.name());
            });
        }
    }

    @Test
    void logEveryStatementLogsTheLibrarysStatementsAtDebugWhenTheServiceEnablesThatLevel() {
        try (RunningService service = RunningService.onNewDatabase(db, "debuglog")
                .with("ecommerce.log-every-statement=true", "logging.level." + StatementLog.LOGGER + "=debug").start();
             CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
            // when the library runs statements
            Product product = new ShopFixtures(service.shop()).product("1.00", 3);

            // then each is logged at DEBUG (FINE in java.util.logging), and none as slow
            assertThat(log.records()).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.FINE);
                assertThat(r.getMessage()).contains("product").contains(product.name());
            }).noneSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        }
    }

    /** Restocks x then y, and y then x, at the same time; the failures of the two. */
    private static List<Throwable> crossedRestocks(Ecommerce shop, Product x, Product y) throws Exception {
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> xThenY = callers.submit(() -> restockBoth(shop, x, y, bothHoldTheirFirstLock, attempts));
            Future<Throwable> yThenX = callers.submit(() -> restockBoth(shop, y, x, bothHoldTheirFirstLock, attempts));
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> outcome : List.of(xThenY, yThenX)) {
                Throwable failure = outcome.get(60, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } finally {
            callers.shutdownNow();
        }
    }

    /** Restocks both in one library transaction; the first two attempts wait for each other between the two. */
    private static Throwable restockBoth(Ecommerce shop, Product first, Product second, CyclicBarrier barrier,
                                         AtomicInteger attempts) {
        try {
            shop.inTransaction(tx -> {
                tx.catalog().restock(first.id(), 1);
                // a retried attempt (were max-retries not to reach the library) must not wait for a partner
                if (attempts.incrementAndGet() <= 2) {
                    try {
                        barrier.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other transaction never took its first lock", e);
                    }
                }
                return tx.catalog().restock(second.id(), 1);
            });
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
