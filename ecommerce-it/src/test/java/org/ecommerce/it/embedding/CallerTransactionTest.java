package org.ecommerce.it.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
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
import org.ecommerce.queries.LowStockProducts;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Application code that owns its JDBC transaction and runs library calls inside it with
 * {@code joinTransaction}: the library never commits or rolls back the caller's work, a refused
 * call undoes only itself, and query objects read the transaction's own writes.
 */
@OnBothEngines
class CallerTransactionTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    CallerTransactionTest(TestDatabase db) throws SQLException {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
        try (Connection c = db.ownerConnect()) {
            // a table of the application's own, beside the library's: created by the owner, as its
            // migrations would, and written by the application role, as the library's tables are
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS app_note (id BIGINT PRIMARY KEY, text VARCHAR(100))");
            c.createStatement().execute("GRANT SELECT, INSERT, UPDATE, DELETE ON app_note TO " + db.applicationRole());
        }
    }

    @Test
    void whenTheCallerRollsBackNothingOfTheLibraryCallsRemains() throws SQLException {
        // given a buyer and a product with 5 units
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("10.00", 5);
        String key = ShopFixtures.unique("rollback-");

        // when the caller's transaction writes its own row, places an order through the library, then rolls back
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            note(c, 1, "before the order");
            Order order = shop.joinTransaction(c, s -> s.orders().place(PlaceOrder.of(buyer.id(), card.id(), key,
                    new OrderItem(product.id(), 2))));
            assertThat(order.lines()).hasSize(1);
            c.rollback();
        }

        // then neither the caller's row nor the order exists, and the stock is whole
        assertThat(notes()).doesNotContain("before the order");
        assertThat(shop.orders().findByIdempotencyKey(buyer.id(), key)).isEmpty();
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
    }

    @Test
    void aRefusedCallUndoesOnlyItselfAndTheCallerMayCommitItsOwnWrites() throws SQLException {
        // given a product with 1 unit
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product scarce = fixtures.product("10.00", 1);
        Product plenty = fixtures.product("3.00", 10);

        // when, inside the caller's transaction, one order succeeds, one asks for 2 units and is refused,
        // and the caller goes on and commits
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            note(c, 2, "kept");
            shop.joinTransaction(c, s -> s.orders().place(PlaceOrder.of(buyer.id(), card.id(), "ok-" + buyer.id(),
                    new OrderItem(plenty.id(), 1))));
            assertThatThrownBy(() -> shop.joinTransaction(c, s -> s.orders().place(PlaceOrder.of(buyer.id(), card.id(),
                    "refused-" + buyer.id(), new OrderItem(plenty.id(), 1), new OrderItem(scarce.id(), 2)))))
                    .isInstanceOf(OutOfStockException.class);
            note(c, 3, "after the refusal");
            c.commit();
        }

        // then the caller's writes and the first order are committed; the refused order left nothing
        assertThat(notes()).contains("kept", "after the refusal");
        assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "ok-" + buyer.id())).isPresent();
        assertThat(shop.orders().findByIdempotencyKey(buyer.id(), "refused-" + buyer.id())).isEmpty();
        assertThat(shop.catalog().get(plenty.id()).stock()).isEqualTo(9);
        assertThat(shop.catalog().get(scarce.id()).stock()).isEqualTo(1);
    }

    @Test
    void queryObjectsInsideTheCallersTransactionSeeItsUncommittedWrites() throws SQLException {
        // given a product with 50 units
        Product product = fixtures.product("2.00", 50);

        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            // when the caller's transaction sells it down to 3 through plain SQL and asks the library for low stock
            try (PreparedStatement ps = c.prepareStatement("UPDATE product SET stock = 3 WHERE id = ?")) {
                ps.setLong(1, product.id());
                ps.executeUpdate();
            }
            List<LowStockProducts.Row> inside = shop.joinTransaction(c, s -> LowStockProducts.below(4).fetch(s));

            // then the query saw the uncommitted stock, which nobody else sees yet
            assertThat(inside).anySatisfy(row -> {
                assertThat(row.productId()).isEqualTo(product.id());
                assertThat(row.stock()).isEqualTo(3);
            });
            c.rollback();
        }
        assertThat(LowStockProducts.below(4).fetch(shop)).noneMatch(row -> row.productId() == product.id());
    }

    @Test
    void queryObjectsInsideInTransactionReadOnItsConnectionEvenFromAPoolOfOne() {
        // given a product with 50 units, and the library on a pool of a single connection
        Product product = fixtures.product("2.00", 50);
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Ecommerce pooled = Ecommerce.create(pool);

            // when a library transaction restocks it and, before committing, asks for products below 60
            List<LowStockProducts.Row> inside = pooled.inTransaction(s -> {
                s.catalog().restock(product.id(), 5);
                return LowStockProducts.below(60).fetch(s);
            });

            // then the query ran on the transaction's own connection and saw its restock
            assertThat(inside).anySatisfy(row -> {
                assertThat(row.productId()).isEqualTo(product.id());
                assertThat(row.stock()).isEqualTo(55);
            });
        }
    }

    @Test
    void aConnectionInAutoCommitModeCannotBeJoined() throws SQLException {
        Product product = fixtures.product("2.00", 5);
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> shop.joinTransaction(c, s -> s.catalog().restock(product.id(), 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("auto-commit");
        }
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
    }

    @Test
    void aDeadlockInsideTheCallersTransactionIsNotRetriedAndTellsTheCallerToRunItAgain() throws Exception {
        // given two products, and two callers whose transactions restock them in opposite order
        Product x = fixtures.product("1.00", 0);
        Product y = fixtures.product("1.00", 0);
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            // when both hold their first lock before asking for the second
            Future<Throwable> xThenY = callers.submit(() -> crossedRestocks(x, y, bothHoldTheirFirstLock));
            Future<Throwable> yThenX = callers.submit(() -> crossedRestocks(y, x, bothHoldTheirFirstLock));
            List<Throwable> failures = Stream.of(xThenY.get(60, TimeUnit.SECONDS), yThenX.get(60, TimeUnit.SECONDS))
                    .filter(Objects::nonNull).toList();

            // then the library retried nothing: one caller got a transient error telling it to run its
            // transaction again, and the other committed both of its restocks
            assertThat(failures).singleElement().satisfies(failure -> {
                assertThat(failure).isInstanceOf(TransientDataAccessException.class);
                assertThat(((TransientDataAccessException) failure).retryTransaction()).isTrue();
            });
            assertThat(shop.catalog().get(x.id()).stock() + shop.catalog().get(y.id()).stock()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    /** Restocks {@code first}, waits for the other caller, restocks {@code second}; the failure, if any. */
    private Throwable crossedRestocks(Product first, Product second, CyclicBarrier barrier) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                shop.joinTransaction(c, s -> s.catalog().restock(first.id(), 1));
                barrier.await(30, TimeUnit.SECONDS);
                shop.joinTransaction(c, s -> s.catalog().restock(second.id(), 1));
                c.commit();
                return null;
            } catch (TransientDataAccessException e) {
                c.rollback();
                return e;
            }
        }
    }

    private static void note(Connection c, long id, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_note (id, text) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, text);
            ps.executeUpdate();
        }
    }

    private List<String> notes() throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT text FROM app_note")) {
            List<String> texts = new java.util.ArrayList<>();
            while (rs.next()) {
                texts.add(rs.getString("text"));
            }
            return texts;
        }
    }
}
