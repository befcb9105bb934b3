package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.ecommerce.it.support.IsolationLevel;
import org.ecommerce.it.support.LockWaits;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rules that span rows hold between concurrent plain-SQL writers at every isolation level: two
 * transactions of the application role, each fine alone, that together would break a rule. Exactly
 * one commits; the other is refused with the rule's name or fails with a serialization failure,
 * deadlock or lock timeout, which a client runs again. Each race runs two ways: the second writer
 * writes while the first still holds its locks, or after the first committed; both read the rows
 * the rule depends on first, as a service that looks before it writes.
 */
@OnBothEngines
class ConcurrentRulesTest {

    /** SQLSTATEs a client retries: serialization failure, deadlock (PostgreSQL), lock timeout (H2). */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00");
    private static final String CLOSE_RETURN = "UPDATE order_return SET status = ?, closed_at = CURRENT_TIMESTAMP WHERE id = ?";
    private static final String RETURN_LINE = "INSERT INTO return_line (return_id, order_id, product_id, quantity) VALUES (?, ?, ?, ?)";
    private static final String ORDER_LINE = "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
            + "VALUES (?, ?, ?, 10.00, ?)";

    private final TestDatabase db;
    private final PlainSql sql;
    private final PlainShop shop;

    ConcurrentRulesTest(TestDatabase db) throws SQLException {
        this.db = db;
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws SQLException {
        sql.close();
    }

    /** One statement of a writer's transaction. */
    private record Write(String statement, Object... parameters) {
    }

    /** What must hold once both writers are done. */
    @FunctionalInterface
    private interface Invariant {
        void holds() throws SQLException;
    }

    /**
     * Two writers' transactions, the read each does first, the rule names a refusal of the second
     * may carry, and what must hold afterwards.
     */
    private record Race(Write read, List<Write> first, List<Write> second, Set<String> refusals, Invariant invariant) {
    }

    @FunctionalInterface
    private interface RaceSetUp {
        Race prepare() throws SQLException;
    }

    /** Whether the second writer writes while the first still holds its locks, or after it committed. */
    private enum Timing { WHILE_THE_FIRST_HOLDS_ITS_LOCKS, AFTER_THE_FIRST_COMMITTED }

    private Map<String, RaceSetUp> races() {
        return Map.of(
                "return_exceeds_purchase: two returns of the same bought units", this::twoReturnsOfTheSameUnits,
                "return_line_return_pending: a line added while its return is completed", this::aLineAddedWhileItsReturnIsCompleted,
                "out_of_stock: two sales of the last units", this::twoSalesOfTheLastUnits,
                "gift_card_balance_not_negative: two debits of one balance", this::twoDebitsOfOneGiftCard,
                "orders_customer_fixed: an order's first line while its buyer changes", this::aFirstLineWhileTheBuyerChanges,
                "delivery_status_transition: a delivery delivered and cancelled at once", this::aDeliveryDeliveredAndCancelled,
                "delivery_one_per_order: two deliveries of one order", this::twoDeliveriesOfOneOrder,
                "payment_method_one_default: two default payment methods of one customer", this::twoDefaultPaymentMethods,
                "payment_method_gift_card_fk: a gift card's row deleted while its payment method is written",
                () -> aCardRowDeletedAndItsMethodWritten(false),
                "payment_method_gift_card_fk: a payment method written while its gift card's row is deleted",
                () -> aCardRowDeletedAndItsMethodWritten(true));
    }

    @TestFactory
    Stream<DynamicTest> twoWritersThatTogetherWouldBreakARuleNeverBothCommitAtAnyIsolationLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (IsolationLevel level : IsolationLevel.values()) {
            for (Timing timing : Timing.values()) {
                races().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(race -> tests.add(
                        dynamicTest(race.getKey() + " [" + level + ", " + timing + "]",
                                () -> runs(race.getValue().prepare(), level, timing))));
            }
        }
        return tests.stream();
    }

    private Race twoReturnsOfTheSameUnits() throws SQLException {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long one = shop.orderReturn(order);
        long other = shop.orderReturn(order);
        return new Race(new Write("SELECT COUNT(*) FROM return_line WHERE order_id = ?", order),
                List.of(new Write(RETURN_LINE, one, order, product, 2)),
                List.of(new Write(RETURN_LINE, other, order, product, 2)),
                Set.of("return_exceeds_purchase"),
                () -> assertThat(sql.longValue("SELECT COALESCE(SUM(quantity), 0) FROM return_line WHERE order_id = ?", order))
                        .isEqualTo(2));
    }

    private Race aLineAddedWhileItsReturnIsCompleted() throws SQLException {
        // 2 bought, 1 in a pending return: completing it puts back what its lines hold when it closes
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);
        return new Race(new Write("SELECT status FROM order_return WHERE id = ?", orderReturn),
                List.of(new Write(CLOSE_RETURN, "completed", orderReturn)),
                List.of(new Write("UPDATE return_line SET quantity = 2 WHERE return_id = ?", orderReturn)),
                Set.of("return_line_return_pending"),
                () -> assertThat(shop.stockOf(product)).as("stock: 8 left, plus the units of the completed return")
                        .isEqualTo(8 + sql.longValue("SELECT quantity FROM return_line WHERE return_id = ?", orderReturn)));
    }

    private Race twoSalesOfTheLastUnits() throws SQLException {
        long product = shop.product(3, "10.00");
        long one = shop.customer();
        long other = shop.customer();
        long first = shop.order(one, shop.creditCard(one));
        long second = shop.order(other, shop.creditCard(other));
        return new Race(new Write("SELECT stock FROM product WHERE id = ?", product),
                List.of(new Write(ORDER_LINE, first, product, 2, new BigDecimal("20.00"))),
                List.of(new Write(ORDER_LINE, second, product, 2, new BigDecimal("20.00"))),
                Set.of("out_of_stock", "product_stock_not_negative"),
                () -> {
                    assertThat(shop.stockOf(product)).isEqualTo(1);
                    assertThat(sql.longValue("SELECT COALESCE(SUM(quantity), 0) FROM order_line WHERE product_id = ?", product))
                            .isEqualTo(2);
                });
    }

    private Race twoDebitsOfOneGiftCard() throws SQLException {
        long card = shop.giftCard(shop.customer(), "20.00");
        Write debit = new Write("UPDATE gift_card SET balance = balance - 15 WHERE payment_method_id = ?", card);
        return new Race(new Write("SELECT balance FROM gift_card WHERE payment_method_id = ?", card),
                List.of(debit), List.of(debit), Set.of("gift_card_balance_not_negative"),
                () -> assertThat(sql.decimal("SELECT balance FROM gift_card WHERE payment_method_id = ?", card))
                        .isEqualByComparingTo("5.00"));
    }

    private Race aFirstLineWhileTheBuyerChanges() throws SQLException {
        // the order's buyer may change while it has no lines; its first line fixes the buyer
        long product = shop.product(10, "10.00");
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        long stranger = shop.customer();
        long strangersCard = shop.creditCard(stranger);
        return new Race(new Write("SELECT customer_id FROM orders WHERE id = ?", order),
                List.of(new Write(ORDER_LINE, order, product, 1, new BigDecimal("10.00"))),
                List.of(new Write("UPDATE orders SET customer_id = ?, payment_method_id = ? WHERE id = ?", stranger, strangersCard, order)),
                Set.of("orders_customer_fixed"),
                () -> assertThat(sql.longValue("SELECT customer_id FROM orders WHERE id = ?", order)).isEqualTo(buyer));
    }

    private Race aDeliveryDeliveredAndCancelled() throws SQLException {
        long delivery = shop.delivery(shop.purchase(shop.customer(), shop.product(10, "10.00"), 1));
        return new Race(new Write("SELECT status FROM delivery WHERE id = ?", delivery),
                List.of(new Write("UPDATE delivery SET status = 'delivered', delivered_at = CURRENT_TIMESTAMP WHERE id = ?", delivery)),
                // the cancel clears delivered_at, so that only the move itself can refuse it (the CHECK
                // pairing delivered_at with 'delivered' runs first)
                List.of(new Write("UPDATE delivery SET status = 'cancelled', delivered_at = NULL WHERE id = ?", delivery)),
                Set.of("delivery_status_transition"),
                () -> assertThat(sql.value("SELECT status FROM delivery WHERE id = ?", delivery)).isEqualTo("delivered"));
    }

    private Race twoDeliveriesOfOneOrder() throws SQLException {
        long order = shop.purchase(shop.customer(), shop.product(10, "10.00"), 1);
        String insert = "INSERT INTO delivery (order_id, tracking_number, address_street, address_city, address_postcode, "
                + "address_country) VALUES (?, ?, '1 Main St', 'Leeds', 'LS1 1AA', 'GB')";
        return new Race(new Write("SELECT COUNT(*) FROM delivery WHERE order_id = ?", order),
                List.of(new Write(insert, order, PlainShop.unique("TRK"))),
                List.of(new Write(insert, order, PlainShop.unique("TRK"))),
                Set.of("delivery_one_per_order"),
                () -> assertThat(sql.longValue("SELECT COUNT(*) FROM delivery WHERE order_id = ?", order)).isOne());
    }

    private Race twoDefaultPaymentMethods() throws SQLException {
        long customer = shop.customer();
        long one = shop.creditCard(customer);
        long other = shop.creditCard(customer);
        String makeDefault = "UPDATE payment_method SET is_default = TRUE WHERE id = ?";
        return new Race(new Write("SELECT COUNT(*) FROM payment_method WHERE customer_id = ? AND is_default", customer),
                List.of(new Write(makeDefault, one)), List.of(new Write(makeDefault, other)),
                Set.of("payment_method_one_default"),
                () -> assertThat(sql.longValue("SELECT COUNT(*) FROM payment_method WHERE customer_id = ? AND is_default", customer))
                        .isOne());
    }

    private Race aCardRowDeletedAndItsMethodWritten(boolean deletedFirst) throws SQLException {
        // a gift card row written first, as the schema wants, and its payment method not yet
        long customer = shop.customer();
        long id = shop.nextPaymentMethodId();
        sql.update("INSERT INTO gift_card (payment_method_id, serial, initial_amount, balance) VALUES (?, ?, 10.00, 10.00)",
                id, PlainShop.unique("GC-"));
        List<Write> writeMethod = List.of(new Write("INSERT INTO payment_method (id, customer_id, kind) VALUES (?, ?, 'gift_card')",
                id, customer));
        List<Write> deleteCard = List.of(new Write("DELETE FROM gift_card WHERE payment_method_id = ?", id));
        return new Race(new Write("SELECT COUNT(*) FROM gift_card WHERE payment_method_id = ?", id),
                deletedFirst ? deleteCard : writeMethod, deletedFirst ? writeMethod : deleteCard,
                Set.of("payment_method_gift_card_fk", "gift_card_kept"),
                () -> assertThat(sql.longValue("SELECT COUNT(*) FROM payment_method m WHERE m.id = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM gift_card g WHERE g.payment_method_id = m.id)", id)).isZero());
    }

    // ---- running a race ----------------------------------------------------------------------------

    private void runs(Race race, IsolationLevel level, Timing timing) throws Exception {
        ExecutorService secondThread = Executors.newSingleThreadExecutor();
        try (Connection first = begin(level); Connection second = begin(level)) {
            // given both writers looked at the rows the rule depends on
            read(first, race.read());
            read(second, race.read());

            // when the first writes, and the second writes while the first holds its locks or after it committed
            SQLException firstFailure = attempt(first, race.first(), false);
            assertThat((Object) firstFailure).as("the first writer alone").isNull();
            SQLException secondFailure;
            if (timing == Timing.WHILE_THE_FIRST_HOLDS_ITS_LOCKS) {
                Future<SQLException> secondDone = secondThread.submit(() -> attempt(second, race.second(), true));
                LockWaits.awaitAWaiterOr(db, secondDone);
                firstFailure = commit(first);
                secondFailure = secondDone.get();
            } else {
                firstFailure = commit(first);
                secondFailure = attempt(second, race.second(), true);
            }

            // then exactly one committed, the other was refused by the rule or asked to run again
            assertThat(firstFailure == null ^ secondFailure == null)
                    .as("exactly one of the two commits; first: %s, second: %s", firstFailure, secondFailure).isTrue();
            SQLException failure = firstFailure != null ? firstFailure : secondFailure;
            boolean retryable = RETRYABLE.contains(failure.getSQLState());
            boolean refused = failure.getSQLState().startsWith("23")
                    && race.refusals().stream().anyMatch(rule -> failure.getMessage().toLowerCase().contains(rule));
            assertThat(retryable || refused).as("refusal by %s or a retryable failure: %s %s", race.refusals(),
                    failure.getSQLState(), failure.getMessage()).isTrue();
            race.invariant().holds();
        } finally {
            secondThread.shutdownNow();
        }
    }

    private Connection begin(IsolationLevel level) throws SQLException {
        Connection connection = level.set(db.connect());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void read(Connection connection, Write read) throws SQLException {
        try (PreparedStatement ps = prepare(connection, read); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(read.statement()).isTrue();
        }
    }

    /** Runs the writes, and commits when asked; the failure, rolled back, or null. */
    private static SQLException attempt(Connection connection, List<Write> writes, boolean commit) {
        try {
            for (Write write : writes) {
                try (PreparedStatement ps = prepare(connection, write)) {
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            rollback(connection);
            return e;
        }
        return commit ? commit(connection) : null;
    }

    private static SQLException commit(Connection connection) {
        try {
            connection.commit();
            return null;
        } catch (SQLException e) {
            rollback(connection);
            return e;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, Write write) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(write.statement());
        for (int i = 0; i < write.parameters().length; i++) {
            ps.setObject(i + 1, write.parameters()[i]);
        }
        return ps;
    }
}
