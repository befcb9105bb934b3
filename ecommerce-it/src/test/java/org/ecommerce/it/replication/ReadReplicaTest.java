package org.ecommerce.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.ReplicationPosition;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.internal.ReplicaReads;
import org.ecommerce.dao.observation.MicrometerObservations;
import org.ecommerce.it.support.CapturedLog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.schema.Engine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * Reads that may be a little behind go to a read replica; writes, transactions and reads that must
 * be current go to the primary; a replica that cannot serve sends reads back to the primary and
 * says so. PostgreSQL: a real hot standby streaming from the test server, whose replay the tests
 * pause to hold it behind. H2 has no replicas: the replica is the database itself, and another
 * database is refused.
 */
@OnBothEngines
class ReadReplicaTest {

    private final TestDatabase db;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private boolean replayPaused;

    ReadReplicaTest(TestDatabase db) {
        this.db = db;
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    @AfterEach
    void resumeReplay() throws SQLException {
        if (replayPaused) {
            replica("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void readsThatMayLagComeFromTheReplicaWhileWritesAndTransactionsUseThePrimary() throws SQLException {
        // given a shop reading from a replica that has every write so far, then stops replaying
        Ecommerce shop = shopWithReplica(Duration.ofMinutes(5));
        Product first = new ShopFixtures(shop).product("3.00", 1);
        caughtUp(shop);
        pauseReplay();

        // when a second product, nearly sold out, is added (on the primary)
        Product added = shop.catalog().addProduct(new NewProduct("Fresh " + first.name(), null, first.brandId(),
                first.categoryId(), new BigDecimal("2.00"), 1));

        // then the analytics, also-bought and browsing read the replica: on PostgreSQL they do not show it yet
        boolean standby = db.engine() == Engine.POSTGRESQL;
        List<Long> lowStock = LowStockProducts.below(5).fetch(shop).stream().map(LowStockProducts.Row::productId).toList();
        assertThat(lowStock).contains(first.id());
        assertThat(lowStock.contains(added.id())).isEqualTo(!standby);
        assertThat(shop.catalog().byBrand(first.brandId(), org.ecommerce.dao.PageRequest.first(10)).totalItems())
                .isEqualTo(standby ? 1 : 2);
        if (standby) {
            assertThatThrownBy(() -> shop.recommendations().alsoBought(added.id(), 3)).isInstanceOf(NotFoundException.class);
        } else {
            assertThat(shop.recommendations().alsoBought(added.id(), 3)).isEmpty();
        }
        // and a lookup by id, and every read inside a transaction, read the primary
        assertThat(shop.catalog().get(added.id()).stock()).isEqualTo(1);
        assertThat(shop.inTransaction(tx -> LowStockProducts.below(5).fetch(tx)).stream()
                .map(LowStockProducts.Row::productId)).contains(added.id());
        // and the replica served them all: no read was sent to the primary instead
        assertThat(bypassed()).isZero();
    }

    @Test
    void readYourWritesShowsTheCallersOwnWriteFromTheReplicaOnceItHasReplayedIt() {
        // given a shop reading from a replica
        Ecommerce shop = shopWithReplica(Duration.ofMinutes(5));
        Product product = new ShopFixtures(shop).product("3.00", 1);

        // when the caller asks to read its own writes, and keeps the position as text for a later request
        List<LowStockProducts.Row> now = shop.readYourWrites(s -> LowStockProducts.below(5).fetch(s));
        ReplicationPosition position = ReplicationPosition.parse(shop.primaryPosition().toString());
        List<LowStockProducts.Row> later = shop.readingAfter(position, s -> LowStockProducts.below(5).fetch(s));

        // then both reads show the product, from the replica, which caught up in time
        assertThat(now).extracting(LowStockProducts.Row::productId).contains(product.id());
        assertThat(later).extracting(LowStockProducts.Row::productId).contains(product.id());
        assertThat(bypassed()).isZero();
    }

    @Test
    void aPositionIsNeverTakenInsideTheTransactionWhoseWritesItShouldCover() {
        // given a shop reading from a replica
        Ecommerce shop = shopWithReplica(Duration.ofMinutes(5));
        ShopFixtures fixtures = new ShopFixtures(shop);

        // when a transaction adds a product, then asks for the primary's position, or reads its own writes
        Throwable positionInside = catchThrowable(() -> shop.inTransaction(s -> {
            fixtures.product("3.00", 1);
            return s.primaryPosition();
        }));
        Product added = shop.inTransaction(s -> fixtures.product("4.00", 1));
        List<LowStockProducts.Row> readInside = shop.inTransaction(s -> {
            Product product = fixtures.product("5.00", 1);
            return s.readYourWrites(r -> LowStockProducts.below(5).fetch(r)).stream()
                    .filter(row -> row.productId() == product.id()).toList();
        });

        // then the position is refused, as it would stand before the commit, and the read inside sees the write
        assertThat(positionInside).isInstanceOf(IllegalStateException.class).hasMessageContaining("after the transaction has committed");
        assertThat(readInside).hasSize(1);
        // and after the commit the position covers it
        List<LowStockProducts.Row> after = shop.readingAfter(shop.primaryPosition(), s -> LowStockProducts.below(5).fetch(s));
        assertThat(after).extracting(LowStockProducts.Row::productId).contains(added.id());
    }

    @Test
    void aReplicaThatDoesNotReplayTheWriteInTimeSendsTheReadToThePrimaryAndCountsIt() throws SQLException {
        // given a shop that waits at most 200 ms for its replica to catch up, and a replica that stopped replaying
        Ecommerce shop = Ecommerce.builder(db.dataSource()).readReplica(db.replicaDataSource())
                .replicaCatchUpTimeout(Duration.ofMillis(200)).observedBy(MicrometerObservations.using(observations)).build();
        caughtUp(shop);
        pauseReplay();

        // when the caller writes, then asks to read its write
        Product product = new ShopFixtures(shop).product("3.00", 1);
        double before = bypassed(); // the fixture's own reads may have bypassed the paused replica too
        List<LowStockProducts.Row> rows = shop.readYourWrites(s -> LowStockProducts.below(5).fetch(s));

        // then it sees it, read on the primary, and that read is counted (PostgreSQL; H2 reads its only database)
        assertThat(rows).extracting(LowStockProducts.Row::productId).contains(product.id());
        assertThat(bypassed() - before).isEqualTo(db.engine() == Engine.POSTGRESQL ? 1 : 0);
    }

    @Test
    void aReplicaLaggingPastTheBoundSendsReadsToThePrimary() throws Exception {
        // given a shop whose replica may lag 100 ms at most, and a replica that stopped replaying
        Ecommerce shop = shopWithReplica(Duration.ofMillis(100));
        caughtUp(shop);
        pauseReplay();

        // when a product is added and the replica falls further behind than the bound
        Product product = new ShopFixtures(shop).product("3.00", 1);
        Thread.sleep(300);
        double before = bypassed(); // the fixture's own reads may have bypassed the paused replica too
        List<LowStockProducts.Row> rows = LowStockProducts.below(5).fetch(shop);

        // then the read shows it, from the primary, counted as a read the replica did not serve
        assertThat(rows).extracting(LowStockProducts.Row::productId).contains(product.id());
        assertThat(bypassed() - before).isEqualTo(db.engine() == Engine.POSTGRESQL ? 1 : 0);
    }

    @Test
    void aReplicaThatIsDownSendsReadsToThePrimaryAndSaysSo() {
        if (db.engine() == Engine.H2) {
            // H2 has no replicas: any database but the primary's own is refused when the library is built
            JdbcDataSource other = new JdbcDataSource();
            other.setURL("jdbc:h2:mem:not_the_primary_" + System.nanoTime());
            assertThatThrownBy(() -> Ecommerce.builder(db.dataSource()).readReplica(other).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H2 has no replicas");
            return;
        }
        // given a shop whose replica does not answer
        AtomicInteger attempts = new AtomicInteger();
        PGSimpleDataSource down = new PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                attempts.incrementAndGet();
                return super.getConnection();
            }
        };
        down.setURL("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        Ecommerce shop = Ecommerce.builder(db.dataSource()).readReplica(down)
                .observedBy(MicrometerObservations.using(observations)).build();
        Product product = new ShopFixtures(shop).product("3.00", 1);

        // (at WARNING whatever an earlier test in this JVM set on the root logger: the command line quiets it)
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ReplicaReads.LOGGER);
        Level levelBefore = logger.getLevel();
        logger.setLevel(Level.WARNING);
        try (CapturedLog log = CapturedLog.of(ReplicaReads.LOGGER)) {
            // when two reads run
            attempts.set(0);
            List<LowStockProducts.Row> rows = LowStockProducts.below(5).fetch(shop);
            List<LowStockProducts.Row> again = LowStockProducts.below(5).fetch(shop);

            // then both are served by the primary, counted, and the switch is logged once at WARNING;
            // the second read leaves the replica alone rather than wait for it again
            assertThat(attempts).hasValue(1);
            assertThat(rows).extracting(LowStockProducts.Row::productId).contains(product.id());
            assertThat(again).isEqualTo(rows);
            assertThat(bypassed()).isEqualTo(2);
            assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("reads go to the primary", "replica unreachable"));
        } finally {
            logger.setLevel(levelBefore);
        }
    }

    @Test
    void aReplicaWhosePoolIsBusySendsThatReadToThePrimaryAndServesTheNextOne() throws SQLException {
        // given a shop reading from a replica through a pool of one connection, which another reader holds
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setDataSource(db.replicaDataSource());
            pool.setMaximumPoolSize(1);
            pool.setConnectionTimeout(250);
            Ecommerce shop = Ecommerce.builder(db.dataSource()).readReplica(pool)
                    .observedBy(MicrometerObservations.using(observations)).build();
            Product product = new ShopFixtures(shop).product("3.00", 1);
            caughtUp(shop);
            double before = bypassed();
            try (Connection held = pool.getConnection()) {
                // when a read finds no connection of the pool free
                List<LowStockProducts.Row> rows = LowStockProducts.below(5).fetch(shop);

                // then the primary serves it, counted on PostgreSQL as a read the replica did not
                // serve (H2 has no replicas: it reads its own database as always)
                assertThat(rows).extracting(LowStockProducts.Row::productId).contains(product.id());
                assertThat(bypassed() - before).isEqualTo(db.engine() == Engine.POSTGRESQL ? 1 : 0);
            }

            // and once the connection is back, the next read is the replica's, not left to the primary as for a replica that is down
            LowStockProducts.below(5).fetch(shop);
            assertThat(bypassed() - before).isEqualTo(db.engine() == Engine.POSTGRESQL ? 1 : 0);
        }
    }

    private Ecommerce shopWithReplica(Duration maxLag) {
        return Ecommerce.builder(db.dataSource()).readReplica(db.replicaDataSource()).replicaMaxLag(maxLag)
                .observedBy(MicrometerObservations.using(observations)).build();
    }

    /** Waits until the replica shows everything written so far (nothing to wait for on H2). */
    private static void caughtUp(Ecommerce shop) {
        shop.readYourWrites(s -> LowStockProducts.below(1).fetch(s));
    }

    private double bypassed() {
        return meters.find("ecommerce.operation.replica.bypassed").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Holds the replica at what it has replayed so far (PostgreSQL; nothing to hold on H2). */
    private void pauseReplay() throws SQLException {
        if (db.engine() == Engine.POSTGRESQL) {
            replica("SELECT pg_wal_replay_pause()");
            replayPaused = true;
        }
    }

    private void replica(String sql) throws SQLException {
        DataSource admin = db.replicaOwnerDataSource();
        try (Connection c = admin.getConnection()) {
            c.createStatement().execute(sql);
        }
    }
}
