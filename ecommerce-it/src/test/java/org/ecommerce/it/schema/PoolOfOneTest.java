package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.sql.Connection;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The migration borrows one connection at a time: a pool of one is enough. */
@OnBothEngines
class PoolOfOneTest {

    private final TestDatabase db;

    PoolOfOneTest(TestDatabase db) {
        this.db = db;
    }

    /** A HikariCP pool of at most one connection, which gives up waiting for it after 3 s. */
    private HikariDataSource poolOfOne(String purpose) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.newEmptyDatabaseUrl(purpose));
        if (db.engine() == Engine.H2) {
            config.setUsername("sa"); // the PostgreSQL URL carries its user
        }
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(3000);
        return new HikariDataSource(config);
    }

    @Test
    void migratingThroughAPoolOfOneConnectionCompletesAndSoDoesTheNextMigration() {
        try (HikariDataSource pool = poolOfOne("poolofone")) {
            // when an empty database behind a pool of one is migrated, then it completes
            assertThat(EcommerceSchema.migrate(pool).migrationsApplied()).isEqualTo(20);

            // and so do a second migration, a validation and a version check
            assertThat(EcommerceSchema.migrate(pool).migrationsApplied()).isZero();
            assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(pool));
            assertThat(EcommerceSchema.currentVersion(pool, MigrationOptions.defaults())).contains("20");
            // and the pool's connection went back
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    @Test
    void migratingIntoAChosenSchemaThroughAPoolOfOneConnectionCompletesAndLeavesTheConnectionAsItWas() throws Exception {
        try (HikariDataSource pool = poolOfOne("poolschema")) {
            MigrationOptions shop = MigrationOptions.defaults().schema("shop");

            // when an empty database behind a pool of one is migrated into schema shop, twice
            assertThat(EcommerceSchema.migrate(pool, shop).migrationsApplied()).isEqualTo(20);
            assertThat(EcommerceSchema.migrate(pool, shop).migrationsApplied()).isZero();

            // then the pooled connection is back in its own schema for the service's next use
            try (Connection c = pool.getConnection()) {
                assertThat(c.getSchema()).isEqualTo("public");
            }
        }
    }
}
