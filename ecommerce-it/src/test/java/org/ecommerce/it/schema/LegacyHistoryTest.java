package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import javax.sql.DataSource;

import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.Catalog.HistoryRow;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database migrated while the library recorded its migrations in Flyway's default table,
 * {@code flyway_schema_history}, moves them to the library's own table on its next migrate.
 */
@OnBothEngines
class LegacyHistoryTest {

    private final TestDatabase db;

    LegacyHistoryTest(TestDatabase db) {
        this.db = db;
    }

    /**
     * A database migrated as the library did before it had a history table of its own: Flyway's
     * defaults, the 18 migrations there were then. The scripts have moved since, but a checksum
     * depends on a script's content only.
     */
    private DataSource migratedTheOldWay(String purpose) {
        DataSource database = db.newEmptyDatabase(purpose);
        int applied = Flyway.configure(EcommerceSchema.class.getClassLoader())
                .dataSource(database)
                .locations(Engine.COMMON_LOCATION, db.engine().migrationLocation())
                .failOnMissingLocations(true)
                .target("18")
                .load()
                .migrate()
                .migrationsExecuted;
        assertThat(applied).isEqualTo(18);
        return database;
    }

    @Test
    void theLibrarysMigrationsMoveToItsOwnTableAndTheDataStays() throws Exception {
        // given a database migrated the old way, with a product in it
        DataSource database = migratedTheOldWay("moved");
        long product;
        try (PlainSql sql = new PlainSql(database)) {
            product = new PlainShop(sql).product(7, "12.50");
        }

        // when the library migrates it
        MigrationResult result = EcommerceSchema.migrate(database);

        // then its own table starts with a baseline at 18, and only the newer migrations are applied
        assertThat(result.migrationsApplied()).isEqualTo(2);
        assertThat(result.schemaVersion()).isEqualTo("20");
        assertThat(Catalog.history(database, "public", "ecommerce_schema_history")).extracting(HistoryRow::version, HistoryRow::type)
                .containsExactly(tuple("18", "BASELINE"), tuple("19", "SQL"), tuple("20", "SQL"));
        assertThat(EcommerceSchema.currentVersion(database, MigrationOptions.defaults())).contains("20");
        // and the product is still there
        try (PlainSql sql = new PlainSql(database)) {
            assertThat(new PlainShop(sql).stockOf(product)).isEqualTo(7);
        }
        // and flyway_schema_history no longer records any of the library's migrations; the emptied
        // table stays, so that a service's Flyway can start in this non-empty schema (below)
        assertThat(Catalog.history(database, "public", "flyway_schema_history")).isEmpty();
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(database));

        // when a service's Flyway (Boot's defaults) then runs its own V1..V3 in the same schema
        Flyway service = Flyway.configure().dataSource(database).locations("classpath:db/migration").load();
        int applied = service.migrate().migrationsExecuted;

        // then they apply cleanly, and both validate
        assertThat(applied).isEqualTo(3);
        assertThat(Catalog.appliedVersions(database, "public", "flyway_schema_history")).containsExactly("1", "2", "3");
        assertThatNoException().isThrownBy(service::validate);
        assertThat(EcommerceSchema.migrate(database).migrationsApplied()).isZero();
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(database));
    }

    @Test
    void rowsOfAServiceInTheOldTableStay() throws Exception {
        // given a database migrated the old way whose flyway_schema_history also records a
        // migration of a service
        DataSource database = migratedTheOldWay("shared");
        try (PlainSql sql = new PlainSql(database)) {
            sql.update("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) "
                    + "VALUES (19, '1000', 'app setting', 'SQL', 'V1000__app_setting.sql', 42, 'service', 1, TRUE)");
        }

        // when the library migrates it
        EcommerceSchema.migrate(database);

        // then only the service's row is left there
        assertThat(Catalog.history(database, "public", "flyway_schema_history"))
                .containsExactly(new HistoryRow("1000", "app setting", "SQL"));
        assertThat(EcommerceSchema.currentVersion(database, MigrationOptions.defaults())).contains("20");
    }

    @Test
    void aChangedScriptInTheOldTableIsNotTakenForTheLibrarys() throws Exception {
        // given a database migrated the old way, where one row's checksum differs from the
        // library's script (as a service's own V5 would)
        DataSource database = migratedTheOldWay("changed");
        try (PlainSql sql = new PlainSql(database)) {
            sql.update("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '5'");
        }

        // when the library migrates it, then it refuses to guess: V5 would be below the baseline
        assertThatThrownBy(() -> EcommerceSchema.migrate(database))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flyway_schema_history")
                .hasMessageContaining("[5]");

        // and nothing was moved
        assertThat(Catalog.appliedVersions(database, "public", "flyway_schema_history")).hasSize(18);
        assertThat(Catalog.hasTable(database, "public", "ecommerce_schema_history")).isFalse();
    }
}
