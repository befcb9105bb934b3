package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.LibraryTriggers;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.ecommerce.schema.UnsupportedEngineException;
import org.junit.jupiter.api.Test;

/** The public migration entry point, on an empty database of each engine. */
@OnBothEngines
class MigrationTest {

    private final TestDatabase db;

    MigrationTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void migratingAnEmptyDatabaseTwiceAppliesEverythingOnceAndThenNothing() throws Exception {
        // given an empty database
        DataSource empty = db.newEmptyDatabase("twice");

        // when it is migrated twice
        MigrationResult first = EcommerceSchema.migrate(empty);
        MigrationResult second = EcommerceSchema.migrate(empty);

        // then the first run applied every migration (portable and engine-specific), the second none
        assertThat(first.engine()).isEqualTo(db.engine());
        assertThat(first.migrationsApplied()).isEqualTo(Catalog.shippedVersions(db.engine()).size());
        assertThat(second.migrationsApplied()).isZero();
        assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion()).isEqualTo(EcommerceSchema.LATEST_VERSION);
        assertThat(Catalog.shippedVersions(db.engine())).last().isEqualTo(EcommerceSchema.LATEST_VERSION);
        // and Flyway's validate finds nothing wrong
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(empty));
    }

    @Test
    void theMigrationsAreRecordedInTheLibrarysOwnHistoryTableNotInFlywaysDefaultOne() throws Exception {
        // given an empty database
        DataSource empty = db.newEmptyDatabase("ownhistory");

        // when it is migrated with the defaults
        EcommerceSchema.migrate(empty);

        // then every migration is recorded in ecommerce_schema_history, and flyway_schema_history,
        // a service's, does not exist
        assertThat(Catalog.appliedVersions(empty, "public", "ecommerce_schema_history"))
                .isEqualTo(Catalog.shippedVersions(db.engine())).startsWith("1");
        assertThat(Catalog.hasTable(empty, "public", "flyway_schema_history")).isFalse();
    }

    @Test
    void theCurrentVersionIsEmptyBeforeTheFirstMigrationAndTheLatestAfter() throws Exception {
        // given an empty database, there is no version yet
        DataSource empty = db.newEmptyDatabase("version");
        assertThat(EcommerceSchema.currentVersion(empty, MigrationOptions.defaults())).isEmpty();

        // when it is migrated, then the version is the latest
        EcommerceSchema.migrate(empty);
        assertThat(EcommerceSchema.currentVersion(empty, MigrationOptions.defaults()))
                .contains(EcommerceSchema.LATEST_VERSION);
        // as it is in every migrated test database
        assertThat(EcommerceSchema.currentVersion(db.ownerDataSource(), MigrationOptions.defaults()))
                .contains(EcommerceSchema.LATEST_VERSION);
    }

    @Test
    void theEngineSpecificRulesAreInstalled() throws Exception {
        // the triggers come from the engine's own location: if it were skipped they would be missing
        try (Connection c = db.ownerConnect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(DISTINCT trigger_name) FROM information_schema.triggers")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(LibraryTriggers.on(db.engine()).size());
        }
    }

    @Test
    void theEngineIsDetectedFromTheConnection() {
        assertThat(Engine.of(db.ownerDataSource())).isEqualTo(db.engine());
    }

    @Test
    void anUnsupportedEngineIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Engine.of("MySQL", 8, "8.0.36"))
                .isInstanceOf(UnsupportedEngineException.class)
                .hasMessageContaining("MySQL")
                .hasMessageContaining("PostgreSQL 15+");
        assertThatThrownBy(() -> Engine.of("PostgreSQL", 12, "12.4"))
                .isInstanceOf(UnsupportedEngineException.class)
                .hasMessageContaining("too old");
    }
}
