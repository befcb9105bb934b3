package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationResult;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Instances of a service that start together all migrate the same database: each migration is
 * applied once, and every instance succeeds.
 */
@OnBothEngines
class ConcurrentMigrationTest {

    private static final int INSTANCES = 4;

    private final TestDatabase db;

    ConcurrentMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void instancesMigratingAnEmptyDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
        // given an empty database
        DataSource database = db.newEmptyDatabase("together");

        // when four instances migrate it at the same moment
        List<MigrationResult> results = allAtOnce(() -> EcommerceSchema.migrate(database));

        // then all succeed, and between them they applied each migration once
        List<String> shipped = Catalog.shippedVersions(db.engine());
        assertThat(results).extracting(MigrationResult::schemaVersion).containsOnly(EcommerceSchema.LATEST_VERSION);
        assertThat(results.stream().mapToInt(MigrationResult::migrationsApplied).sum()).isEqualTo(shipped.size());
        assertThat(Catalog.appliedVersions(database, "public", "ecommerce_schema_history")).isEqualTo(shipped);
    }

    @Test
    void instancesMovingAnOldHistoryAtOnceMoveItOnce() throws Exception {
        // given a database whose library migrations are recorded in flyway_schema_history
        DataSource database = db.newEmptyDatabase("movetogether");
        Flyway.configure(EcommerceSchema.class.getClassLoader()).dataSource(database)
                .locations(Engine.COMMON_LOCATION, db.engine().migrationLocation()).target("18").load().migrate();

        // when four instances migrate it at the same moment
        List<MigrationResult> results = allAtOnce(() -> EcommerceSchema.migrate(database));

        // then all succeed, one baseline stands for the moved versions, and each newer one is applied once
        List<String> newer = Catalog.shippedAfter(db.engine(), "18");
        List<String> expected = new ArrayList<>(List.of("18"));
        expected.addAll(newer);
        assertThat(results).extracting(MigrationResult::schemaVersion).containsOnly(EcommerceSchema.LATEST_VERSION);
        assertThat(results.stream().mapToInt(MigrationResult::migrationsApplied).sum()).isEqualTo(newer.size());
        assertThat(Catalog.history(database, "public", "ecommerce_schema_history"))
                .extracting(Catalog.HistoryRow::version).containsExactlyElementsOf(expected);
        assertThat(Catalog.history(database, "public", "flyway_schema_history")).isEmpty();
    }

    private static <T> List<T> allAtOnce(Callable<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES)); // a migration that never ends fails the test
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
