package org.ecommerce.it.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.dao.internal.StatementLog;
import org.ecommerce.dao.observation.MicrometerObservations;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.CapturedLog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * What a service sees of the library in its dashboards and logs: a Micrometer timer per operation
 * with engine and outcome, slow statements logged without secrets.
 */
@OnBothEngines
class ObservabilityTest {

    private static final Instant AT = Instant.parse("2025-03-01T08:00:00Z");

    private final TestDatabase db;

    ObservabilityTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void everyRepositoryCallAndQueryIsTimedWithItsOperationEngineAndOutcome() {
        // given the library observed through a Micrometer registry
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Ecommerce shop = Ecommerce.builder(db.dataSource()).observedBy(MicrometerObservations.using(observations)).build();
        ShopFixtures fixtures = new ShopFixtures(shop);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("4.00", 1);

        // when one order succeeds, one is refused for stock, and a query runs
        shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "a", new OrderItem(product.id(), 1)));
        assertThatThrownBy(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "b", new OrderItem(product.id(), 1))))
                .isInstanceOf(OutOfStockException.class);
        LowStockProducts.below(5).fetch(shop);

        // then each has its timer, tagged with the engine and how it ended
        String engine = db.engine().name().toLowerCase(java.util.Locale.ROOT);
        Timer placed = meters.find("ecommerce.operation").tags("operation", "orders.place", "engine", engine, "outcome", "success").timer();
        Timer refused = meters.find("ecommerce.operation").tags("operation", "orders.place", "outcome", "refused").timer();
        Timer query = meters.find("ecommerce.operation").tags("operation", "queries.LowStockProducts", "outcome", "success").timer();
        assertThat(placed).isNotNull();
        assertThat(placed.count()).isEqualTo(1);
        assertThat(refused).isNotNull();
        assertThat(refused.count()).isEqualTo(1);
        assertThat(query).isNotNull();
        // and a call made by the library inside another (registration inside the fixture) is not counted twice
        assertThat(meters.find("ecommerce.operation").tags("operation", "customers.register").timer().count()).isEqualTo(1);
    }

    @Test
    void aQueryObjectsStreamIsTimedAsItsOperation() {
        // given the library observed through a Micrometer registry, and a product nearly sold out
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Ecommerce shop = Ecommerce.builder(db.dataSource()).observedBy(MicrometerObservations.using(observations)).build();
        Product product = new ShopFixtures(shop).product("4.00", 1);

        // when a query object's rows are streamed outside a transaction
        List<LowStockProducts.Row> rows;
        try (Stream<LowStockProducts.Row> stream = LowStockProducts.below(5).stream(shop)) {
            rows = stream.toList();
        }

        // then the stream's query is timed as the query object's operation
        assertThat(rows).extracting(LowStockProducts.Row::productId).contains(product.id());
        Timer streamed = meters.find("ecommerce.operation").tags("operation", "queries.LowStockProducts", "outcome", "success")
                .timer();
        assertThat(streamed).isNotNull();
        assertThat(streamed.count()).isEqualTo(1);
    }

    @Test
    void aTransactionRunAgainAfterADeadlockIsCountedAsARetry() throws Exception {
        // given the library observed through a Micrometer registry, and two products
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Ecommerce shop = Ecommerce.builder(db.dataSource()).observedBy(MicrometerObservations.using(observations)).build();
        Product x = new ShopFixtures(shop).product("1.00", 0);
        Product y = new ShopFixtures(shop).product("1.00", 0);

        // when two transactions restock them in opposite order, each holding its first lock before the second
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> crossed(shop, x, y, bothHoldTheirFirstLock, attempts));
            Future<?> second = pool.submit(() -> crossed(shop, y, x, bothHoldTheirFirstLock, attempts));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then both succeeded, and the victim's second run was counted on the transaction's retry counter
        assertThat(attempts.get()).isGreaterThan(2);
        assertThat(meters.find("ecommerce.operation.retry").tags("operation", "transaction").counter())
                .isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(attempts.get() - 2));
        assertThat(meters.find("ecommerce.operation").tags("operation", "transaction", "outcome", "success").timer().count())
                .isEqualTo(2);
    }

    private static Product crossed(Ecommerce shop, Product first, Product second, CyclicBarrier barrier, AtomicInteger attempts) {
        return shop.inTransaction(tx -> {
            tx.catalog().restock(first.id(), 1);
            if (attempts.incrementAndGet() <= 2) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other transaction never took its first lock", e);
                }
            }
            return tx.catalog().restock(second.id(), 1);
        });
    }

    @Test
    void slowStatementsAreLoggedWithoutTheValuesOfSecretColumns() {
        // given the library logging every statement that takes at least zero time
        Ecommerce shop = Ecommerce.builder(db.dataSource()).slowStatementThreshold(Duration.ZERO).build();
        try (CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
            List<LogRecord> records = log.records();
            // when a customer registers and adds a card with a processor token
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer customer = fixtures.customer();
            CreditCard card = fixtures.creditCard(customer);
            Product product = fixtures.product("1.00", 3);

            // then the statements were logged as slow at WARN, with the values of ordinary statements
            assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
            assertThat(records).anySatisfy(r -> assertThat(r.getMessage()).contains("product").contains(product.name()));
            // but never the password hash nor the processor token
            String hash = passwordHash(customer.id());
            assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains(hash));
            assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains(card.processorToken()));
            assertThat(records).anySatisfy(r -> assertThat(r.getMessage()).contains("hidden"));
        }
    }

    @Test
    void theWritesOfABulkOfInteractionsAreLoggedAsStatements() {
        // given the library logging every statement that takes at least zero time, a customer and a product
        Ecommerce shop = Ecommerce.builder(db.dataSource()).slowStatementThreshold(Duration.ZERO).build();
        ShopFixtures fixtures = new ShopFixtures(shop);
        Customer customer = fixtures.customer();
        Product product = fixtures.product("1.00", 3);
        try (CapturedLog log = CapturedLog.of(StatementLog.LOGGER)) {
            // when three interactions are recorded in bulk (PostgreSQL: sent to the bulk loader, which
            // the application role of the tests may call, outside jOOQ)
            shop.interactions().recordAll(List.of(new InteractionEvent(customer.id(), product.id(), "view", AT),
                    new InteractionEvent(customer.id(), product.id(), "click", AT),
                    new InteractionEvent(customer.id(), product.id(), "purchase", AT)).iterator());

            // then the statement that wrote them is in the log: the loader's call with its row count,
            // or H2's INSERT with its values
            String written = db.engine() == Engine.POSTGRESQL
                    ? "(?s).*SELECT \"?interaction_load\"?\\(\\?, \\?, \\?, \\?\\) AS loaded; 3 rows"
                    : "(?s).*insert into \"?interaction\"? .*" + product.id() + ".*";
            assertThat(log.records()).anySatisfy(r -> assertThat(r.getMessage()).matches(written));
        }
    }

    private String passwordHash(long customerId) {
        try (var c = db.connect(); var ps = c.prepareStatement("SELECT password_hash FROM customer WHERE id = ?")) {
            ps.setLong(1, customerId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString("password_hash");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
