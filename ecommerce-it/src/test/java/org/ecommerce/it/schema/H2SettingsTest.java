package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.UnsupportedEngineException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The library runs on H2 only with the settings that make it read SQL as PostgreSQL does
 * ({@link EcommerceSchema#H2_URL_SETTINGS}); a database without them is refused before anything is
 * written, with what to add to its URL. PostgreSQL needs no setting.
 */
@OnBothEngines
class H2SettingsTest {

    @Test
    void h2WithoutTheLibrarysSettingsIsRefusedBeforeAnythingIsMigratedAndPostgresqlNeedsNone(TestDatabase db)
            throws Exception {
        if (db.engine() == Engine.POSTGRESQL) {
            // given a new PostgreSQL database as it comes
            DataSource asItComes = db.newEmptyDatabase("assettings");
            // when its version is read and the library migrated into it, then neither is refused
            assertThat(EcommerceSchema.currentVersion(asItComes)).isEmpty();
            assertThat(EcommerceSchema.migrate(asItComes).migrationsApplied()).isPositive();
            return;
        }
        // given an H2 database opened with H2's own defaults, as a plain URL or a test framework's opens one
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:mem:plain" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        plain.setUser("sa");

        // when the library is migrated into it, or created on it, with or without checking the schema version
        UnsupportedEngineException migrating = catchThrowableOfType(UnsupportedEngineException.class,
                () -> EcommerceSchema.migrate(plain));
        UnsupportedEngineException creating = catchThrowableOfType(UnsupportedEngineException.class,
                () -> Ecommerce.create(plain));
        UnsupportedEngineException creatingUnchecked = catchThrowableOfType(UnsupportedEngineException.class,
                () -> Ecommerce.builder(plain).checkSchemaVersion(false).build());

        // then both are refused, saying what the database has and what to add to the URL
        assertThat(migrating).hasMessageContaining("MODE=REGULAR").hasMessageContaining("add ;" + EcommerceSchema.H2_URL_SETTINGS);
        assertThat(creating).hasMessageContaining("add ;" + EcommerceSchema.H2_URL_SETTINGS);
        assertThat(creatingUnchecked).as("without the schema version check").hasMessageContaining("add ;" + EcommerceSchema.H2_URL_SETTINGS);
        // and nothing was migrated
        assertThat(tables(plain)).isZero();
    }

    private static long tables(DataSource database) throws Exception {
        try (PlainSql sql = new PlainSql(database)) {
            return sql.longValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'");
        }
    }
}
