package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.dao.internal.StatementLog;
import org.ecommerce.it.support.CapturedLog;
import org.ecommerce.it.support.IsolationLevel;
import org.ecommerce.it.support.LockWaits;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.Together;
import org.ecommerce.it.support.Together.Outcome;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

/** Interactions recorded in bulk count exactly as interactions recorded one by one. */
@OnBothEngines
class BulkInteractionsTest {

    private static final double EXACT = 1e-9;
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final String[] TYPES = {"view", "click", "add_to_cart", "purchase", "review"};

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    BulkInteractionsTest(TestDatabase db) {
        this.db = db;
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void recordingInBulkGivesTheScoresOfRecordingOneByOne() throws Exception {
        // given two customers and three products, and the same 2 100 interactions (two INSERTs in bulk) for each customer
        Customer oneByOne = fixtures.customer();
        Customer inBulk = fixtures.customer();
        List<Product> products = List.of(fixtures.product("1.00", 5), fixtures.product("2.00", 5), fixtures.product("3.00", 5));
        List<InteractionEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            events.add(new InteractionEvent(inBulk.id(), products.get(i % 3).id(), TYPES[i % 5], START.plusSeconds(3_600L * i)));
        }

        // when one customer's are recorded one by one (each its own INSERT and score update; one
        // transaction, so that the test's unpooled connections are not opened 2 100 times) and the
        // other's in bulk
        shop.runInTransaction(tx -> events.forEach(e -> tx.interactions().record(oneByOne.id(), e.productId(), e.type(), e.at())));
        long recorded = shop.interactions().recordAll(events.iterator());

        // then every interaction is in and each product's score is the same for both
        assertThat(recorded).isEqualTo(events.size());
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", inBulk.id())).isEqualTo(2_100);
        }
        Instant at = START.plusSeconds(3_600L * 2_100);
        for (Product product : products) {
            double expected = shop.recommendations().scoreAt(oneByOne.id(), product.id(), at);
            assertThat(expected).isPositive();
            assertThat(shop.recommendations().scoreAt(inBulk.id(), product.id(), at)).as("product " + product.id())
                    .isCloseTo(expected, within(expected * EXACT));
        }
    }

    @Test
    void aRoleNotGrantedTheBulkLoaderRecordsTheSameRowsAndScores() throws Exception {
        // given three customers, a product, and the same interactions for each, at times from the
        // first microsecond the table holds to a half microsecond, on both sides of 1970 and of 2000
        // (not far in the future: their weight there would exceed the score's range)
        Customer oneByOne = fixtures.customer();
        Customer granted = fixtures.customer();
        Customer notGranted = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        List<Instant> times = List.of(Instant.parse("1800-01-01T00:00:00.000001Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("1999-12-31T23:59:59.000001Z"), Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2026-12-04T10:15:30.123456500Z"), Instant.parse("2026-12-31T23:59:59.999999Z"));
        Function<Customer, List<InteractionEvent>> eventsOf = customer -> times.stream()
                .map(t -> new InteractionEvent(customer.id(), lamp.id(), "view", t)).toList();

        // when one customer's are recorded one by one, another's in bulk by the application role, and
        // the third's in bulk by the role once it may no longer call PostgreSQL's bulk loader
        shop.runInTransaction(tx -> times.forEach(t -> tx.interactions().record(oneByOne.id(), lamp.id(), "view", t)));
        shop.interactions().recordAll(eventsOf.apply(granted).iterator());
        String loader = "interaction_load(bigint[], bigint[], smallint[], bigint[])";
        try (PlainSql owner = new PlainSql(db.ownerDataSource())) {
            if (db.engine() == Engine.POSTGRESQL) {
                owner.update("REVOKE EXECUTE ON FUNCTION " + loader + " FROM " + db.applicationRole());
            }
            Ecommerce logged = Ecommerce.builder(db.dataSource()).slowStatementThreshold(Duration.ZERO).build();
            try (CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
                logged.interactions().recordAll(eventsOf.apply(notGranted).iterator());
                // (PostgreSQL: by COPY, every key checked per row)
                String written = db.engine() == Engine.POSTGRESQL ? "(?s).*COPY .*; 6 rows" : "(?s).*insert into .*";
                assertThat(log.records()).anySatisfy(r -> assertThat(r.getMessage()).matches(written));
            } finally {
                if (db.engine() == Engine.POSTGRESQL) {
                    owner.update("GRANT EXECUTE ON FUNCTION " + loader + " TO " + db.applicationRole());
                }
            }
        }

        // then all three have the same interactions, to the microsecond, and the same score
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            String timesOf = "SELECT COUNT(*) FROM interaction a JOIN interaction b ON b.occurred_at = a.occurred_at "
                    + "WHERE a.customer_id = ? AND b.customer_id = ?";
            assertThat(sql.longValue(timesOf, oneByOne.id(), granted.id())).isEqualTo(times.size());
            assertThat(sql.longValue(timesOf, oneByOne.id(), notGranted.id())).isEqualTo(times.size());
        }
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        double expected = shop.recommendations().scoreAt(oneByOne.id(), lamp.id(), at);
        assertThat(expected).isPositive();
        assertThat(shop.recommendations().scoreAt(granted.id(), lamp.id(), at)).isCloseTo(expected, within(expected * EXACT));
        assertThat(shop.recommendations().scoreAt(notGranted.id(), lamp.id(), at)).isCloseTo(expected, within(expected * EXACT));
    }

    @Test
    void aBulkOnConnectionsAboveReadCommittedRecordsTheSameRowsAndScores() throws Exception {
        // given a customer whose interactions are recorded one by one, a product, and a pool whose
        // connections start at REPEATABLE READ, then one at SERIALIZABLE
        Customer oneByOne = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        List<Instant> times = List.of(START, START.plusSeconds(60), START.plusSeconds(3_600));
        shop.runInTransaction(tx -> times.forEach(t -> tx.interactions().record(oneByOne.id(), lamp.id(), "click", t)));
        Instant at = START.plusSeconds(7_200);
        double expected = shop.recommendations().scoreAt(oneByOne.id(), lamp.id(), at);
        for (IsolationLevel level : List.of(IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE)) {
            Customer inBulk = fixtures.customer();
            Ecommerce isolated = Ecommerce.builder(level.of(db.dataSource())).slowStatementThreshold(Duration.ZERO).build();

            // when the same interactions are recorded in bulk there
            try (CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
                isolated.interactions().recordAll(times.stream()
                        .map(t -> new InteractionEvent(inBulk.id(), lamp.id(), "click", t)).iterator());

                // then they went in row by row (PostgreSQL's loader reads the catalog as of each
                // statement, which only READ COMMITTED gives: COPY instead), with the same score
                String written = db.engine() == Engine.POSTGRESQL ? "(?s).*COPY .*; 3 rows" : "(?s).*insert into .*";
                assertThat(log.records()).as(level.name()).anySatisfy(r -> assertThat(r.getMessage()).matches(written));
            }
            assertThat(shop.recommendations().scoreAt(inBulk.id(), lamp.id(), at)).as(level.name())
                    .isCloseTo(expected, within(expected * EXACT));
        }
    }

    @Test
    void aBulkLargerThanOneCopyRecordsEachEventOnceWithTheScoresOfSmallerBulks() throws Exception {
        // given two customers, three products, and the same 50 001 interactions for each: more than
        // one COPY takes on PostgreSQL (50 000), many INSERTs on H2
        Customer inOneCall = fixtures.customer();
        Customer inTwoCalls = fixtures.customer();
        List<Product> products = List.of(fixtures.product("1.00", 5), fixtures.product("2.00", 5), fixtures.product("3.00", 5));
        int count = 50_001;
        AtomicInteger read = new AtomicInteger();
        Iterator<InteractionEvent> oneCall = events(inOneCall, products, count).stream().peek(e -> read.incrementAndGet()).iterator();
        List<InteractionEvent> twoCalls = events(inTwoCalls, products, count);

        // when one customer's are recorded in one call, the other's in two calls of fewer than 50 000
        long recorded = shop.interactions().recordAll(oneCall);
        shop.interactions().recordAll(twoCalls.subList(0, 25_000).iterator());
        shop.interactions().recordAll(twoCalls.subList(25_000, count).iterator());

        // then each event of the one call was read once and recorded once, and the scores are the same
        assertThat(recorded).isEqualTo(count);
        assertThat(read).hasValue(count);
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", inOneCall.id())).isEqualTo(count);
        }
        Instant at = START.plusSeconds(count);
        for (Product product : products) {
            double expected = shop.recommendations().scoreAt(inTwoCalls.id(), product.id(), at);
            assertThat(expected).isPositive();
            assertThat(shop.recommendations().scoreAt(inOneCall.id(), product.id(), at)).as("product " + product.id())
                    .isCloseTo(expected, within(expected * EXACT));
        }
    }

    /** {@code count} views of {@code product} by {@code customer}, a second apart, in a list that may grow. */
    private static List<InteractionEvent> views(Customer customer, Product product, int count) {
        List<InteractionEvent> views = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            views.add(new InteractionEvent(customer.id(), product.id(), "view", START.plusSeconds(i)));
        }
        return views;
    }

    /** {@code count} interactions of {@code customer} with the products in turn, of every type, a second apart. */
    private static List<InteractionEvent> events(Customer customer, List<Product> products, int count) {
        List<InteractionEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new InteractionEvent(customer.id(), products.get(i % products.size()).id(), TYPES[i % TYPES.length],
                    START.plusSeconds(i)));
        }
        return events;
    }

    @Test
    void aBulkWithAnUnknownProductRecordsNothing() throws Exception {
        // given events of which the last names a product that does not exist
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        List<InteractionEvent> events = views(ada, lamp, 2_500);
        events.add(new InteractionEvent(ada.id(), 999_999_999L, "view", START));

        // when / then
        assertThatThrownBy(() -> shop.interactions().recordAll(events.iterator())).isInstanceOf(NotFoundException.class);
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", ada.id())).isZero();
        }
        assertThat(shop.recommendations().scoreAt(ada.id(), lamp.id(), START)).isZero();
    }

    @Test
    void aProductIsHeldAgainstDeletionByABulkOfItsInteractionsUntilItCommitsOnPostgresql() throws Exception {
        // given a product that nothing refers to yet
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        List<InteractionEvent> events = views(ada, lamp, 2_500);
        CountDownLatch recorded = new CountDownLatch(1);
        CompletableFuture<Integer> deleting = new CompletableFuture<>();

        // when its interactions are recorded in bulk in a transaction that stays open while another
        // session deletes the product with plain SQL
        Callable<Object> bulk = () -> shop.inTransaction(tx -> {
            long written = tx.interactions().recordAll(events.iterator());
            recorded.countDown();
            LockWaits.awaitAWaiterOr(db, deleting);
            return written;
        });
        Callable<Object> delete = () -> {
            recorded.await(30, TimeUnit.SECONDS);
            try (PlainSql sql = new PlainSql(db.dataSource())) {
                deleting.complete(sql.update("DELETE FROM product WHERE id = ?", lamp.id()));
            } catch (Exception refused) {
                deleting.completeExceptionally(refused);
            }
            return deleting.join();
        };
        List<Outcome<Object>> outcomes = Together.run(List.of(bulk, delete));

        // then the bulk is recorded in full
        assertThat(outcomes.get(0).failure()).isNull();
        assertThat(outcomes.get(0).value()).isEqualTo(2_500L);
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE product_id = ?", lamp.id())).isEqualTo(2_500);
            if (db.engine() == Engine.POSTGRESQL) {
                // and the delete, held back by the bulk's lock on the product, is refused once its
                // interactions are committed: the product stays
                assertThat(outcomes.get(1).failure()).as("the delete's outcome").isNotNull();
                assertThat(sql.longValue("SELECT COUNT(*) FROM product WHERE id = ?", lamp.id())).isOne();
            } else {
                // H2 checks a key against committed rows and locks no row a key refers to: the delete
                // goes through under the open bulk, whose interactions then outlive their product
                // (a limitation of H2 that docs/design/rule-catalogue.md states)
                assertThat(outcomes.get(1).failure()).as("the delete's outcome").isNull();
                assertThat(sql.longValue("SELECT COUNT(*) FROM product WHERE id = ?", lamp.id())).isZero();
            }
        }
    }

    @Test
    void aServicesOwnTriggerOnInteractionJudgesEveryRowOfABulk() throws Exception {
        // given a trigger of the service's own that refuses interactions with a withdrawn product
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        Product withdrawn = fixtures.product("40.00", 5);
        try (PlainSql owner = new PlainSql(db.ownerDataSource())) {
            owner.update("CREATE TABLE withdrawn_product (product_id BIGINT PRIMARY KEY)");
            owner.update("INSERT INTO withdrawn_product (product_id) VALUES (?)", withdrawn.id());
            owner.update("GRANT SELECT ON withdrawn_product TO " + db.applicationRole()); // the trigger reads it as the writer
            if (db.engine() == Engine.POSTGRESQL) {
                owner.update("""
                        CREATE FUNCTION interaction_not_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF EXISTS (SELECT 1 FROM withdrawn_product w WHERE w.product_id = NEW.product_id) THEN
                                RAISE EXCEPTION 'product % is withdrawn', NEW.product_id USING ERRCODE = 'check_violation';
                            END IF;
                            RETURN NEW;
                        END $$""");
                owner.update("CREATE TRIGGER interaction_not_withdrawn BEFORE INSERT ON interaction "
                        + "FOR EACH ROW EXECUTE FUNCTION interaction_not_withdrawn()");
            } else {
                owner.update("CREATE TRIGGER interaction_not_withdrawn BEFORE INSERT ON interaction "
                        + "FOR EACH ROW CALL '" + WithdrawnProductTrigger.class.getName() + "'");
            }
        }
        try {
            List<InteractionEvent> events = views(ada, lamp, 2_500);
            events.add(new InteractionEvent(ada.id(), withdrawn.id(), "view", START));

            // when a bulk holds one interaction with the withdrawn product
            assertThatThrownBy(() -> shop.interactions().recordAll(events.iterator())).hasStackTraceContaining("is withdrawn");

            // then the trigger refused it, and with it the whole bulk
            try (PlainSql sql = new PlainSql(db.dataSource())) {
                assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", ada.id())).isZero();
            }
        } finally {
            try (PlainSql owner = new PlainSql(db.ownerDataSource())) {
                owner.update("DROP TRIGGER interaction_not_withdrawn" + (db.engine() == Engine.POSTGRESQL ? " ON interaction" : ""));
                owner.update("DROP TABLE withdrawn_product");
            }
        }
    }

    @Test
    void aBulkInsideACallersTransactionIsUndoneWithIt() {
        // given a customer and a product
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);

        // when interactions are recorded in bulk inside a transaction that then fails
        assertThatThrownBy(() -> shop.inTransaction(tx -> {
            tx.interactions().recordAll(List.of(new InteractionEvent(ada.id(), lamp.id(), "purchase", START)).iterator());
            throw new IllegalStateException("the caller's work fails");
        })).isInstanceOf(IllegalStateException.class);

        // then none of them is left, nor its score
        assertThat(shop.recommendations().scoreAt(ada.id(), lamp.id(), START)).isZero();
    }

    @Test
    void aBulkThatLosesADeadlockIsReportedNotRunAgainWithWhatIsLeftOfItsEvents() throws Exception {
        bulkLosingADeadlock((shop, events) -> shop.interactions().recordAll(events));
    }

    @Test
    void aLibraryTransactionHoldingABulkThatLosesADeadlockIsReportedNotRunAgain() throws Exception {
        // the caller's block, run again, would find the iterator it was given spent
        bulkLosingADeadlock((shop, events) -> shop.inTransaction(tx -> tx.interactions().recordAll(events)));
    }

    /**
     * Makes {@code bulkCall}, given an iterator whose one event is read through the library, lose a
     * deadlock, and checks that it is refused as safe to run again, nothing of it written.
     */
    private void bulkLosingADeadlock(BiFunction<Ecommerce, Iterator<InteractionEvent>, Object> bulkCall) throws Exception {
        // given a customer, a product, two products to restock, and a bulk whose one event is read
        // through the library in the bulk's own transaction: it restocks x, then y; the other
        // transaction restocks y, then x
        Ecommerce retrying = Ecommerce.builder(db.dataSource()).maxRetries(3).build();
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        Product x = fixtures.product("1.00", 0);
        Product y = fixtures.product("1.00", 0);
        CyclicBarrier otherHoldsY = new CyclicBarrier(2);
        CyclicBarrier bulkHoldsX = new CyclicBarrier(2);
        AtomicInteger otherAttempts = new AtomicInteger();
        Iterator<InteractionEvent> events = new Iterator<>() {
            private boolean read;

            @Override
            public boolean hasNext() {
                return !read;
            }

            @Override
            public InteractionEvent next() {
                read = true;
                retrying.catalog().restock(x.id(), 1);
                await(bulkHoldsX);
                retrying.catalog().restock(y.id(), 1);
                return new InteractionEvent(ada.id(), lamp.id(), "purchase", START);
            }
        };
        Callable<Object> bulk = () -> {
            await(otherHoldsY); // the bulk's transaction is the younger one
            return bulkCall.apply(retrying, events);
        };
        Callable<Object> other = () -> retrying.inTransaction(tx -> {
            tx.catalog().restock(y.id(), 1);
            if (otherAttempts.incrementAndGet() == 1) {
                await(otherHoldsY);
                await(bulkHoldsX);
                LockWaits.awaitAWaiter(db); // the bulk waits first
            }
            return tx.catalog().restock(x.id(), 1);
        });

        // when the two deadlock (PostgreSQL refuses the transaction that waited first, H2 the younger one)
        List<Outcome<Object>> outcomes = Together.run(List.of(bulk, other));

        // then the bulk, though transactions may be retried, is refused as safe to run again (a
        // second run would have found the iterator spent), nothing of it written; the other took effect
        assertThat(outcomes.get(0).failure()).isInstanceOfSatisfying(TransientDataAccessException.class,
                e -> assertThat(e.safeToRetry()).isTrue());
        assertThat(outcomes.get(1).failure()).isNull();
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", ada.id())).isZero();
        }
        assertThat(shop.catalog().get(x.id()).stock()).isEqualTo(1);
        assertThat(shop.catalog().get(y.id()).stock()).isEqualTo(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other transaction never came", e);
        }
    }

}
