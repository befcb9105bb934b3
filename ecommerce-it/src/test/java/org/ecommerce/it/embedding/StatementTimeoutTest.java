package org.ecommerce.it.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.StatementTimeoutException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A statement that runs past the library's statement timeout is cancelled and reported as such.
 * H2 bounds a wait for a row lock by its own {@code LOCK_TIMEOUT}, not by the statement timeout:
 * there a blocked statement ends as a transient error when that expires.
 */
@OnBothEngines
class StatementTimeoutTest {

    private final TestDatabase db;

    StatementTimeoutTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    @Timeout(60) // a timeout that cancelled nothing would leave H2 counting for hours
    void aQueryRunningPastTheTimeoutIsCancelledWithStatementTimeoutException() {
        // given a library with a one-second statement timeout
        Ecommerce shop = Ecommerce.builder(db.dataSource()).statementTimeout(Duration.ofSeconds(1)).build();
        String slow = switch (db.engine()) {
            case POSTGRESQL -> "SELECT pg_sleep(10)";
            case H2 -> "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a CROSS JOIN SYSTEM_RANGE(1, 100000) b";
        };

        // when a read through the library takes longer
        assertThatThrownBy(() -> shop.read("slow", dsl -> dsl.fetch(slow)))
                // then the database cancels it before it ends, and the caller gets the typed error
                .isInstanceOf(StatementTimeoutException.class)
                .satisfies(e -> assertThat(((StatementTimeoutException) e).safeToRetry()).isTrue());
    }

    @Test
    void theLibrarysStatementTimeoutStaysWithItsOwnStatements() throws Exception {
        // given a library with a one-second statement timeout, and a caller's transaction on a connection of its own
        Ecommerce shop = Ecommerce.builder(db.dataSource()).statementTimeout(Duration.ofSeconds(1)).build();
        Product product = new ShopFixtures(shop).product("1.00", 5);
        try (Connection caller = db.connect()) {
            caller.setAutoCommit(false);

            // when the library restocks a product in that transaction
            shop.joinTransaction(caller, s -> s.catalog().restock(product.id(), 1));

            // then the caller's next statement has no timeout: H2, which keeps a statement's timeout
            // as its session's, has the connection's own back
            try (Statement own = caller.createStatement()) {
                assertThat(own.getQueryTimeout()).isZero();
            }
            caller.rollback();
        }
    }

    @Test
    void aStatementBlockedByARowLockFailsWithATransientErrorAndWritesNothing() throws Exception {
        // given a library with a one-second statement timeout, and another session holding a product's row lock
        Ecommerce shop = Ecommerce.builder(db.dataSource()).statementTimeout(Duration.ofSeconds(1)).maxRetries(0).build();
        Product product = new ShopFixtures(shop).product("1.00", 5);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("UPDATE product SET price = price WHERE id = ?")) {
                lock.setLong(1, product.id());
                lock.executeUpdate();
            }

            // when the library tries to restock that product
            // then it fails with a typed transient error, safe to retry: on PostgreSQL the statement
            // timeout cancelled it; H2 gave up at its lock timeout
            Class<? extends TransientDataAccessException> expected = db.engine() == Engine.POSTGRESQL
                    ? StatementTimeoutException.class : TransientDataAccessException.class;
            assertThatThrownBy(() -> shop.catalog().restock(product.id(), 3))
                    .isInstanceOf(expected)
                    .satisfies(e -> assertThat(((TransientDataAccessException) e).safeToRetry()).isTrue());
            holder.rollback();
        }
        // and nothing was written
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void aBulkOfInteractionsBlockedByARowLockFailsWithATransientErrorAndRecordsNothing() throws Exception {
        // given a library with a one-second statement timeout, a customer's score for a product, and
        // another session holding that score's row lock
        Ecommerce shop = Ecommerce.builder(db.dataSource()).statementTimeout(Duration.ofSeconds(1)).build();
        ShopFixtures fixtures = new ShopFixtures(shop);
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("1.00", 5);
        Instant at = Instant.parse("2025-03-01T08:00:00Z");
        shop.interactions().record(ada.id(), lamp.id(), "view", at);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "UPDATE recommendation_score SET score = score WHERE customer_id = ? AND product_id = ?")) {
                lock.setLong(1, ada.id());
                lock.setLong(2, lamp.id());
                assertThat(lock.executeUpdate()).isOne();
            }

            // when the library records interactions of that pair in bulk (on PostgreSQL with COPY)
            // then it fails with a typed transient error, safe to retry: on PostgreSQL the statement
            // timeout cancelled the COPY; H2 gave up at its lock timeout
            Class<? extends TransientDataAccessException> expected = db.engine() == Engine.POSTGRESQL
                    ? StatementTimeoutException.class : TransientDataAccessException.class;
            List<InteractionEvent> events = List.of(new InteractionEvent(ada.id(), lamp.id(), "click", at));
            assertThatThrownBy(() -> shop.interactions().recordAll(events.iterator()))
                    .isInstanceOf(expected)
                    .satisfies(e -> assertThat(((TransientDataAccessException) e).safeToRetry()).isTrue());
            holder.rollback();
        }
        // and nothing of the bulk was recorded
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", ada.id())).isOne();
        }
    }
}
