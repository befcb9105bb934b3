package org.ecommerce.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ecommerce.dao.CommitOutcomeUnknownException;
import org.ecommerce.dao.ConnectionUnavailableException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A failure tells the caller what it knows: a connection lost while the database commits leaves
 * the outcome unknown (retry with the same idempotency key); a pool with no free connection in
 * time sent nothing at all (safe to retry), and is not a lost connection.
 */
@OnBothEngines
class CommitOutcomeTest {

    private final TestDatabase db;

    CommitOutcomeTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aConnectionLostDuringCommitIsACommitOfUnknownOutcomeAndTheRetryWithTheSameKeyPlacesExactlyOne() {
        // given a shop whose connections lose their session just as they send COMMIT
        Ecommerce setUp = Ecommerce.create(db.dataSource());
        ShopFixtures fixtures = new ShopFixtures(setUp);
        Product product = fixtures.product("7.00", 5);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Ecommerce shop = Ecommerce.create(sessionKilledAtCommit(db.dataSource()));
        PlaceOrder request = PlaceOrder.of(buyer.id(), card.id(), "unknown-outcome", new OrderItem(product.id(), 2));

        // when an order is placed through it
        Throwable failure = catchThrowable(() -> shop.orders().place(request));

        // then the caller learns that the commit's outcome is unknown, and that a blind retry is not safe
        assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(((CommitOutcomeUnknownException) failure).safeToRetry()).isFalse();

        // and a retry with the same key, on a healthy connection, leaves exactly one order and takes stock once
        Order placed = setUp.orders().place(request);
        assertThat(setUp.orders().place(request)).isEqualTo(placed);
        assertThat(setUp.orders().byCustomer(buyer.id(), PageRequest.first(5)).totalItems()).isEqualTo(1);
        assertThat(setUp.catalog().get(product.id()).stock()).isEqualTo(3);
    }

    @Test
    void aPoolWithNoFreeConnectionInTimeIsSafeToRetryAndNotALostConnection() throws Exception {
        // given a pool of one connection that waits 250 ms for it, held by a transaction
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Ecommerce shop = Ecommerce.create(pool);
            Product product = new ShopFixtures(shop).product("1.00", 1);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> shop.inTransaction(tx -> {
                holding.countDown();
                await(release);
                return null;
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            // when another call needs a connection, or a query object through the library or the pool
            Throwable failure = catchThrowable(() -> shop.catalog().get(product.id()));
            List<Throwable> queryFailures = List.of(
                    catchThrowable(() -> LowStockProducts.below(5).fetch(shop)),
                    catchThrowable(() -> LowStockProducts.below(5).stream(shop).close()),
                    catchThrowable(() -> LowStockProducts.below(5).fetch(pool)),
                    catchThrowable(() -> LowStockProducts.below(5).stream(pool).close()));
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);

            // then each is told that no connection was to be had, that nothing was sent, and not that one was lost
            assertThat(failure).isInstanceOf(ConnectionUnavailableException.class)
                    .hasMessageNotContaining("connection lost");
            assertThat(((ConnectionUnavailableException) failure).safeToRetry()).isTrue();
            assertThat(queryFailures).allSatisfy(queryFailure -> assertThat(queryFailure)
                    .isInstanceOf(ConnectionUnavailableException.class).hasMessageNotContaining("connection lost"));
            assertThat(shop.catalog().get(product.id())).isEqualTo(product);
        }
    }

    /** Connections of {@code target} whose session an administrator ends just before they commit. */
    private DataSource sessionKilledAtCommit(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (!(result instanceof Connection real)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (connection, call, callArgs) -> {
                                if (call.getName().equals("commit")) {
                                    endSession(real);
                                }
                                return invoke(call, real, callArgs);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Ends the connection's session from an administrator's connection, and waits until it is gone. */
    private void endSession(Connection connection) throws SQLException, InterruptedException {
        boolean postgres = db.engine() == Engine.POSTGRESQL;
        long session;
        try (ResultSet rs = connection.createStatement().executeQuery(postgres ? "SELECT pg_backend_pid()" : "SELECT SESSION_ID()")) {
            rs.next();
            session = rs.getLong(1);
        }
        try (Connection admin = db.ownerConnect();
             PreparedStatement kill = admin.prepareStatement(postgres ? "SELECT pg_terminate_backend(?)" : "CALL ABORT_SESSION(?)")) {
            kill.setInt(1, (int) session);
            kill.execute();
            if (postgres) {
                try (PreparedStatement gone = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                    gone.setInt(1, (int) session);
                    for (int i = 0; i < 500; i++) {
                        try (ResultSet rs = gone.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) == 0) {
                                return;
                            }
                        }
                        Thread.sleep(10);
                    }
                }
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
