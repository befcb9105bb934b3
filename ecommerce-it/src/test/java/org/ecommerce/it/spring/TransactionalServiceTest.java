package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.StatementTimeoutException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.spring.CheckoutService.ServiceFailure;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Inside a service's {@code @Transactional} method every library call joins Spring's transaction:
 * it commits and rolls back with the service's own writes, and a refused call undoes only itself.
 */
@OnBothEngines
class TransactionalServiceTest {

    private final TestDatabase db;

    TransactionalServiceTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aTransactionalMethodThatFailsAfterPlacingAnOrderLeavesNeitherItsRowNorTheOrder() {
        try (RunningService service = RunningService.onNewDatabase(db, "rollback").start()) {
            // given a buyer and a product with 5 units
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("10.00", 5);
            PlaceOrder order = PlaceOrder.of(buyer.id(), card.id(), "rolled-back", new OrderItem(product.id(), 2));

            // when the service's method opens an account, places the order and then fails
            assertThatThrownBy(() -> service.checkout().openAccountAndOrderThenFail("ada", order))
                    .isInstanceOf(ServiceFailure.class);

            // then neither the account nor the order exists, and the stock is whole
            assertThat(service.checkout().hasAccount("ada")).isFalse();
            assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "rolled-back")).isEmpty();
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        }
    }

    @Test
    void aTransactionThatTheDatabaseAbortedFailsAtItsCommitInsteadOfLosingItsWritesInSilence() {
        try (RunningService service = RunningService.onNewDatabase(db, "abortedcommit").start()) {
            // when the service's method opens an account, has a report fail, catches its error and returns
            Throwable outcome = catchThrowable(() -> service.checkout().openAccountAndIgnoreAFailedReport("ada"));

            // then on PostgreSQL, which aborted the transaction at the failed statement, the commit
            // fails and nothing is written; H2 keeps the transaction usable, and it commits
            if (db.engine() == Engine.POSTGRESQL) {
                assertThat(outcome).isInstanceOf(UnexpectedRollbackException.class).hasMessageContaining("nothing written");
                assertThat(service.checkout().hasAccount("ada")).isFalse();
            } else {
                assertThat(outcome).isNull();
                assertThat(service.checkout().hasAccount("ada")).isTrue();
            }
        }
    }

    @Test
    void aLibraryCallAfterTheTransactionsTimeoutRunsNothingAndTheTransactionRollsBack() {
        try (RunningService service = RunningService.onNewDatabase(db, "timedout").start()) {
            // given a product with 5 units, and a transaction with a timeout of one second
            Ecommerce shop = service.shop();
            Product product = new ShopFixtures(shop).product("2.00", 5);
            TransactionTemplate transaction = new TransactionTemplate(service.bean(PlatformTransactionManager.class));
            transaction.setTimeout(1);

            // when it restocks the product, outlives its timeout, then restocks again
            Throwable outcome = catchThrowable(() -> transaction.executeWithoutResult(status -> {
                shop.catalog().restock(product.id(), 1);
                pause(Duration.ofMillis(1200));
                shop.catalog().restock(product.id(), 1);
            }));

            // then the second call fails as Spring's own statements would, and nothing is written
            assertThat(outcome).isInstanceOf(TransactionTimedOutException.class);
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        }
    }

    @Test
    void aCallBoundedByTheTransactionsTimeoutLeavesTheConnectionsOwnStatementsUnbounded() throws SQLException {
        try (RunningService service = RunningService.onNewDatabase(db, "timeoutkept").start()) {
            // given a product, and a transaction with a timeout of 30 seconds
            Ecommerce shop = service.shop();
            Product product = new ShopFixtures(shop).product("2.00", 5);
            DataSource pool = service.bean(DataSource.class);
            TransactionTemplate transaction = new TransactionTemplate(service.bean(PlatformTransactionManager.class));
            transaction.setTimeout(30);

            // when the library restocks the product in it, and the service then makes a statement of its own
            Integer serviceStatementTimeout = transaction.execute(status -> {
                shop.catalog().restock(product.id(), 1);
                try (Statement own = DataSourceUtils.getConnection(pool).createStatement()) {
                    return own.getQueryTimeout();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            // then that statement has no timeout: H2, which keeps a statement's timeout as its
            // session's, has the connection's own back
            assertThat(serviceStatementTimeout).isZero();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a timeout that cancelled nothing would leave H2 counting for hours
    void aLibraryStatementStillRunningWhenTheTransactionsTimeoutIsUpIsCancelled() {
        try (RunningService service = RunningService.onNewDatabase(db, "cancelled").start()) {
            // given a transaction with a timeout of one second, and a library without a statement timeout of its own
            Ecommerce shop = service.shop();
            TransactionTemplate transaction = new TransactionTemplate(service.bean(PlatformTransactionManager.class));
            transaction.setTimeout(1);
            String slow = switch (db.engine()) {
                case POSTGRESQL -> "SELECT pg_sleep(30)";
                case H2 -> "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a CROSS JOIN SYSTEM_RANGE(1, 100000) b";
            };

            // when a read through the library inside it runs longer
            Throwable outcome = catchThrowable(() -> transaction.executeWithoutResult(status -> shop.read("slow", dsl -> dsl.fetch(slow))));

            // then the database cancels it at the transaction's timeout, and the caller gets the typed error
            assertThat(outcome).isInstanceOf(StatementTimeoutException.class);
        }
    }

    @Test
    void aRefusedOrderInsideTransactionalLeavesTheCallersEarlierWritesToTheCaller() {
        try (RunningService service = RunningService.onNewDatabase(db, "refusedcaught").start()) {
            // given a product with 1 unit and one with 10
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product scarce = fixtures.product("10.00", 1);
            Product plenty = fixtures.product("3.00", 10);
            PlaceOrder tooMany = PlaceOrder.of(buyer.id(), card.id(), "refused",
                    new OrderItem(plenty.id(), 1), new OrderItem(scarce.id(), 2));

            // when the service's method opens an account, has the order refused, catches the refusal and commits
            Optional<OutOfStockException> refusal = service.checkout().openAccountAndTryToOrder("grace", tooMany);

            // then the account is committed, and the refused order left nothing behind
            assertThat(refusal).hasValueSatisfying(e -> assertThat(e.productId()).isEqualTo(scarce.id()));
            assertThat(service.checkout().hasAccount("grace")).isTrue();
            assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "refused")).isEmpty();
            assertThat(shop.catalog().get(plenty.id()).stock()).isEqualTo(10);
            assertThat(shop.catalog().get(scarce.id()).stock()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedOrderThatLeavesTheTransactionalMethodRollsBackTheCallersWritesToo() {
        try (RunningService service = RunningService.onNewDatabase(db, "refusedthrown").start()) {
            // given a product with 1 unit
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product scarce = fixtures.product("10.00", 1);
            PlaceOrder tooMany = PlaceOrder.of(buyer.id(), card.id(), "refused", new OrderItem(scarce.id(), 2));

            // when the service's method opens an account and lets the refusal of the order propagate
            assertThatThrownBy(() -> service.checkout().openAccountAndOrder("linus", tooMany))
                    .isInstanceOf(OutOfStockException.class);

            // then Spring rolled back the whole method: the account too
            assertThat(service.checkout().hasAccount("linus")).isFalse();
            assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "refused")).isEmpty();
            assertThat(shop.catalog().get(scarce.id()).stock()).isEqualTo(1);
        }
    }

    /** A service whose DataSource bean is its pool wrapped in Spring's {@code TransactionAwareDataSourceProxy}. */
    @Configuration(proxyBeanMethods = false)
    static class TransactionAwareDataSource {

        @Bean
        DataSource dataSource(Environment environment) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
            pool.setUsername(environment.getProperty("spring.datasource.username"));
            return new TransactionAwareDataSourceProxy(pool);
        }
    }

    @Test
    void aServiceWhoseDataSourceIsATransactionAwareProxyHasTheLibraryOnThePoolItWrapsAndJoinsItsTransactions() {
        try (RunningService service = RunningService.onNewDatabase(db, "txawareproxy").with(TransactionAwareDataSource.class).start()) {
            // given a product with 5 units, on a service whose DataSource bean is a transaction-aware proxy
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("10.00", 5);

            // when the service's method opens an account, places an order and then fails
            assertThatThrownBy(() -> service.checkout().openAccountAndOrderThenFail("barbara",
                    PlaceOrder.of(buyer.id(), card.id(), "proxied", new OrderItem(product.id(), 2))))
                    .isInstanceOf(ServiceFailure.class);

            // then the library works on the pool itself, and everything rolled back together
            assertThat(shop.dataSource()).isInstanceOf(HikariDataSource.class);
            assertThat(service.checkout().hasAccount("barbara")).isFalse();
            assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "proxied")).isEmpty();
            assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        }
    }

    @Test
    void aQueryObjectInsideTransactionalSeesTheUncommittedStockOnAPoolOfOneConnection() {
        // given a service whose pool has a single connection, and a product with 50 units
        try (RunningService service = RunningService.onNewDatabase(db, "poolofone")
                .with("spring.datasource.hikari.maximum-pool-size=1").flywayOnItsOwnConnection().start()) {
            Product product = new ShopFixtures(service.shop()).product("2.00", 50);

            // when the service's method sets the stock to 3 with its own SQL and asks the library for low stock
            List<LowStockProducts.Row> inside = service.checkout().setStockThenListLowStock(product.id(), 3, 4);

            // then the query ran on the transaction's connection (there is no other) and saw the uncommitted stock
            assertThat(inside).anySatisfy(row -> {
                assertThat(row.productId()).isEqualTo(product.id());
                assertThat(row.stock()).isEqualTo(3);
            });
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
