package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

/**
 * The database session dies while an order is being placed: nothing of that attempt survives,
 * the caller gets a typed transient error, and a retry with the same key places exactly one order.
 * PostgreSQL kills the backend with pg_terminate_backend, H2 with ABORT_SESSION.
 */
@OnBothEngines
class KilledSessionTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    KilledSessionTest(TestDatabase db) {
        this.db = db;
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @Test
    void aSessionKilledBeforeTheOrderCommitsLeavesNothingAndTheRetryPlacesExactlyOne() throws Exception {
        // given a product with 5 in stock and a buyer
        Product product = fixtures.product("12.00", 5);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        PlaceOrder request = PlaceOrder.of(buyer.id(), card.id(), "order-42", new OrderItem(product.id(), 2));

        // when the order's statements have all run but its transaction has not committed yet ...
        CountDownLatch placedButNotCommitted = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        CompletableFuture<Order> attempt = CompletableFuture.supplyAsync(() -> shop.inTransaction(tx -> {
            Order order = tx.orders().place(request);
            placedButNotCommitted.countDown();
            await(killed);
            return order;
        }));
        assertThat(placedButNotCommitted.await(30, TimeUnit.SECONDS)).isTrue();
        // ... a second connection kills its session
        killSessionWithUncommittedWork();
        killed.countDown();

        // then the caller gets a typed transient error
        ExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> attempt.get(30, TimeUnit.SECONDS));
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(TransientDataAccessException.class);

        // and nothing of the attempt remains: no order, no stock taken, no delivery
        assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "order-42")).isEmpty();
        assertThat(shop.orders().byCustomer(buyer.id(), PageRequest.first(5)).totalItems()).isZero();
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        assertThat(deliveriesOf(buyer)).isZero();

        // when the caller retries with the same key, twice
        Order placed = shop.orders().place(request);
        Order again = shop.orders().place(request);

        // then exactly one order exists
        assertThat(again).isEqualTo(placed);
        assertThat(shop.orders().byCustomer(buyer.id(), PageRequest.first(5)).totalItems()).isEqualTo(1);
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(3);
        assertThat(deliveriesOf(buyer)).isEqualTo(1);
    }

    private void killSessionWithUncommittedWork() throws Exception {
        String find = db.engine() == Engine.POSTGRESQL
                ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
                : "SELECT session_id FROM information_schema.sessions WHERE contains_uncommitted "
                        + "AND session_id <> SESSION_ID()";
        String kill = db.engine() == Engine.POSTGRESQL ? "SELECT pg_terminate_backend(?)" : "CALL ABORT_SESSION(?)";
        // the owner kills, as an administrator would: H2 lets only an administrator see and abort others' sessions
        try (Connection c = db.ownerConnect()) {
            long session;
            try (ResultSet rs = c.createStatement().executeQuery(find)) {
                assertThat(rs.next()).as("a session with uncommitted work").isTrue();
                session = rs.getLong(1);
                assertThat(rs.next()).as("exactly one such session").isFalse();
            }
            try (PreparedStatement ps = c.prepareStatement(kill)) {
                ps.setInt(1, (int) session);
                ps.execute();
            }
        }
    }

    private long deliveriesOf(Customer buyer) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM delivery d JOIN orders o ON o.id = d.order_id WHERE o.customer_id = ?")) {
            ps.setLong(1, buyer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
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
