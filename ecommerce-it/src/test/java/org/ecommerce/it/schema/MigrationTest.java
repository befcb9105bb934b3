package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
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
        assertThat(first.migrationsApplied()).isEqualTo(18);
        assertThat(second.migrationsApplied()).isZero();
        assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion()).isEqualTo("18");
        // and Flyway's validate finds nothing wrong
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(empty));
    }

    @Test
    void theEngineSpecificRulesAreInstalled() throws Exception {
        // the triggers come from the engine's own location: if it were skipped they would be missing
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(DISTINCT trigger_name) FROM information_schema.triggers")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
    }

    @Test
    void theEngineIsDetectedFromTheConnection() {
        assertThat(Engine.of(db.dataSource())).isEqualTo(db.engine());
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
