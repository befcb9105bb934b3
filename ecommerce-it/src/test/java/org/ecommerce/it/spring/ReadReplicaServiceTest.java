package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.TestDatabase.Replicated;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A service that names a read replica in {@code ecommerce.read-replica.*} gets the library reading
 * from it: query objects on the replica, writes on the service's own database. PostgreSQL: a real
 * hot standby of the test server, whose replay the tests pause to hold it behind. H2 has no
 * replicas: the replica is the database itself, and another database fails the start.
 */
@OnBothEngines
class ReadReplicaServiceTest {

    private final TestDatabase db;
    private DataSource pausedReplica;

    ReadReplicaServiceTest(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void resumeReplay() throws SQLException {
        if (pausedReplica != null) {
            onReplica(pausedReplica, "SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    void aQueryObjectReadsTheReplicaWhileWritesGoToTheServicesDatabase() throws SQLException {
        // given a service reading from a replica that may lag minutes, which has every write so far, then stops replaying
        Replicated database = db.newEmptyDatabaseWithReplica("replicaread");
        try (RunningService service = withReplica(database, "ecommerce.read-replica.max-lag=5m",
                "ecommerce.read-replica.catch-up-timeout=30s").start()) {
            Ecommerce shop = service.shop();
            Product first = new ShopFixtures(shop).product("3.00", 1);
            caughtUp(shop);
            pauseReplay(database);

            // when the service adds a second product, nearly sold out
            Product added = shop.catalog().addProduct(new NewProduct("Fresh " + first.name(), null, first.brandId(),
                    first.categoryId(), new BigDecimal("2.00"), 1));

            // then the write is in the service's database
            assertThat(service.sql().queryForObject("SELECT stock FROM product WHERE id = ?", Integer.class, added.id()))
                    .isEqualTo(1);
            // and a query object reads the replica: on PostgreSQL it does not show the product yet
            List<Long> lowStock = lowStock(shop);
            assertThat(lowStock).contains(first.id());
            assertThat(lowStock.contains(added.id())).isEqualTo(db.engine() == Engine.H2);
            // and a lookup by id reads the service's database
            assertThat(shop.catalog().get(added.id()).stock()).isEqualTo(1);
        }
    }

    @Test
    void theReplicasPoolReportsItsConnectionsToTheServicesMeterRegistry() {
        // given a service with a Micrometer registry whose library reads from a replica
        Replicated database = db.newEmptyDatabaseWithReplica("replicameters");
        try (RunningService service = withReplica(database, "ecommerce.read-replica.catch-up-timeout=30s")
                .with(ObservedServiceTest.ServiceMetrics.class).start()) {
            new ShopFixtures(service.shop()).product("3.00", 1);
            caughtUp(service.shop());

            // when a query object reads the replica
            lowStock(service.shop());

            // then the registry shows the replica pool's connections, as Spring Boot's pool shows its own
            MeterRegistry meters = service.bean(MeterRegistry.class);
            Gauge connections = meters.find("hikaricp.connections").tag("pool", "ecommerce-read-replica").gauge();
            assertThat(connections).isNotNull();
            assertThat(connections.value()).isPositive();
            assertThat(meters.find("hikaricp.connections.acquire").tag("pool", "ecommerce-read-replica").timer().count())
                    .isPositive();
        }
    }

    @Test
    void theMaxLagPropertySendsReadsToTheServicesDatabaseWhenTheReplicaIsFurtherBehind() throws Exception {
        // given a service whose replica may lag 100 ms at most, and a replica that stopped replaying
        Replicated database = db.newEmptyDatabaseWithReplica("replicalag");
        try (RunningService service = withReplica(database, "ecommerce.read-replica.max-lag=100ms",
                "ecommerce.read-replica.catch-up-timeout=30s")
                .with(ObservedServiceTest.ServiceMetrics.class).start()) {
            Ecommerce shop = service.shop();
            caughtUp(shop);
            pauseReplay(database);
            // (a loaded machine may have sent an earlier read past the replica already)
            double bypassedBefore = bypassed(service);

            // when a product is added and the replica falls further behind than the bound
            Product product = new ShopFixtures(shop).product("3.00", 1);
            Thread.sleep(300);

            // then a query object shows it, read on the service's database, counted as a read the replica did not serve
            assertThat(lowStock(shop)).contains(product.id());
            assertThat(bypassed(service) - bypassedBefore).isEqualTo(db.engine() == Engine.POSTGRESQL ? 1 : 0);
        }
    }

    @Test
    void theCatchUpTimeoutPropertyIsHowLongAReadOfTheCallersOwnWritesWaitsForTheReplica() throws Exception {
        // given a service that waits up to 20 s for its replica to catch up, and a replica that stopped replaying
        Replicated database = db.newEmptyDatabaseWithReplica("replicacatchup");
        try (RunningService service = withReplica(database, "ecommerce.read-replica.catch-up-timeout=20s")
                .with(ObservedServiceTest.ServiceMetrics.class).start()) {
            Ecommerce shop = service.shop();
            caughtUp(shop);
            pauseReplay(database);
            Product product = new ShopFixtures(shop).product("3.00", 1);

            // when the replica resumes after two seconds, longer than the library's default wait
            CompletableFuture<Void> resumed = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(2000);
                    resumeReplay();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Long> rows = shop.readYourWrites(s -> LowStockProducts.below(5).fetch(s)).stream()
                    .map(LowStockProducts.Row::productId).toList();
            resumed.get(30, TimeUnit.SECONDS);

            // then the read of the caller's own write waited for the replica, which served it
            assertThat(rows).contains(product.id());
            assertThat(bypassed(service)).isZero();
        }
    }

    @Test
    void aReplicaUrlThatIsNotTheServicesStandbyIsHandledAsTheLibraryDoes() {
        if (db.engine() == Engine.H2) {
            // given a service on one H2 database whose replica URL names another: H2 has no replicas
            Replicated database = db.newEmptyDatabaseWithReplica("replicarefused");
            RunningService.Starter service = RunningService.as(database.owner(), db.engine())
                    .with("ecommerce.read-replica.url=jdbc:h2:mem:not_the_services_" + System.nanoTime(),
                            "ecommerce.read-replica.username=sa");

            // then the service does not start, and says why
            assertThatThrownBy(service::start).rootCause().hasMessageContaining("H2 has no replicas");
            return;
        }
        // given a service whose replica does not answer
        Replicated database = db.newEmptyDatabaseWithReplica("replicadown");
        try (RunningService service = RunningService.as(database.owner(), db.engine())
                .with("ecommerce.read-replica.url=jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2",
                        "ecommerce.read-replica.username=" + database.owner().user())
                .with(ObservedServiceTest.ServiceMetrics.class).start()) {
            Product product = new ShopFixtures(service.shop()).product("3.00", 1);

            // then it starts, and its query objects read the service's database, counted as reads the replica did not serve
            assertThat(lowStock(service.shop())).contains(product.id());
            assertThat(bypassed(service)).isEqualTo(1);
        }
    }

    @Test
    void stoppingTheServiceClosesTheLibrarysConnectionsToTheReplica() throws Exception {
        // given a service whose library has read from its replica, as a user of its own
        Replicated database = db.newEmptyDatabaseWithReplica("replicaclose");
        RunningService service = withReplica(database, "ecommerce.read-replica.catch-up-timeout=30s",
                "ecommerce.read-replica.username=" + database.replica().user())
                .withOptional("ecommerce.read-replica.password", database.replica().password()).start();
        caughtUp(service.shop());
        lowStock(service.shop());
        assertThat(sessionsOnReplica(database)).isPositive();

        // when the service stops
        service.close();

        // then no connection of it is left on the replica
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sessionsOnReplica(database) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sessionsOnReplica(database)).isZero();
    }

    /**
     * A service on {@code database} whose library reads from its replica, with {@code properties}:
     * only the replica's URL, its user and password are the pool's.
     */
    private RunningService.Starter withReplica(Replicated database, String... properties) {
        return RunningService.as(database.owner(), db.engine())
                .with("ecommerce.read-replica.url=" + database.replica().url())
                .with(properties);
    }

    private static List<Long> lowStock(Ecommerce shop) {
        return LowStockProducts.below(5).fetch(shop).stream().map(LowStockProducts.Row::productId).toList();
    }

    /** Waits until the replica shows everything written so far (nothing to wait for on H2). */
    private static void caughtUp(Ecommerce shop) {
        shop.readYourWrites(s -> LowStockProducts.below(1).fetch(s));
    }

    /** Holds the replica at what it has replayed so far (PostgreSQL; nothing to hold on H2). */
    private void pauseReplay(Replicated database) throws SQLException {
        if (database.replicaOwner() != null) {
            onReplica(database.replicaOwner(), "SELECT pg_wal_replay_pause()");
            pausedReplica = database.replicaOwner();
        }
    }

    private static void onReplica(DataSource replicaOwner, String sql) throws SQLException {
        try (Connection c = replicaOwner.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    /**
     * How many connections other than this one are open to the replica's database (on H2, the
     * database itself: the service's pool's too).
     */
    private static int sessionsOnReplica(Replicated database) throws SQLException {
        DataSource replica = database.replicaOwner() != null ? database.replicaOwner() : TestDatabase.forUrl(database.owner().url());
        String sql = database.replicaOwner() != null
                ? "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                : "SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()";
        try (Connection c = replica.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt("n");
        }
    }

    private static double bypassed(RunningService service) {
        return service.bean(MeterRegistry.class).find("ecommerce.operation.replica.bypassed").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
