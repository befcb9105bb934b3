package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;

import javax.sql.DataSource;

import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.junit.jupiter.api.Test;

/** Where the migrations go and where they are recorded: {@link MigrationOptions}. */
@OnBothEngines
class MigrationOptionsTest {

    private final TestDatabase db;

    MigrationOptionsTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theDefaultsUseTheConnectionsSchemaTheLibrarysOwnHistoryTableAndCreateAMissingSchema() {
        MigrationOptions defaults = MigrationOptions.defaults();

        assertThat(defaults.schema()).isEmpty();
        assertThat(defaults.historyTable()).isEqualTo("ecommerce_schema_history");
        assertThat(defaults.createSchema()).isTrue();
    }

    @Test
    void eachOptionChangesACopyOnly() {
        MigrationOptions defaults = MigrationOptions.defaults();

        MigrationOptions shop = defaults.schema("shop").historyTable("shop_history").createSchema(false);

        assertThat(shop.schema()).contains("shop");
        assertThat(shop.historyTable()).isEqualTo("shop_history");
        assertThat(shop.createSchema()).isFalse();
        assertThat(defaults).isEqualTo(MigrationOptions.defaults());
        assertThat(shop.schema(null).schema()).isEmpty();
        assertThat(shop).isEqualTo(MigrationOptions.defaults().schema("shop").historyTable("shop_history").createSchema(false));
    }

    @Test
    void namesThatAreNotLowerCaseIdentifiersAreRefusedNamingTheOption() {
        for (String bad : new String[] {"Shop", "shop; DROP TABLE customer", "1shop", "", "shop-eu", "\"shop\"", "a".repeat(64)}) {
            assertThatThrownBy(() -> MigrationOptions.defaults().schema(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
            assertThatThrownBy(() -> MigrationOptions.defaults().historyTable(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historyTable");
        }
        assertThatThrownBy(() -> MigrationOptions.defaults().historyTable(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historyTable");
        assertThat(MigrationOptions.defaults().schema("_shop_2").schema()).contains("_shop_2");
    }

    @Test
    void aHistoryTableOfAnotherNameRecordsTheMigrations() throws Exception {
        // given an empty database
        DataSource empty = db.newEmptyDatabase("history");
        MigrationOptions options = MigrationOptions.defaults().historyTable("shop_schema_versions");

        // when it is migrated with a history table of another name
        MigrationResult result = EcommerceSchema.migrate(empty, options);

        // then that table records the migrations, and the default one does not exist
        assertThat(result.migrationsApplied()).isEqualTo(20);
        assertThat(Catalog.appliedVersions(empty, "public", "shop_schema_versions")).hasSize(20);
        assertThat(Catalog.hasTable(empty, "public", "ecommerce_schema_history")).isFalse();
        assertThat(EcommerceSchema.currentVersion(empty, options)).contains("20");
        assertThat(EcommerceSchema.currentVersion(empty, MigrationOptions.defaults())).isEmpty();
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(empty, options));
    }

    @Test
    void withoutCreateSchemaAMissingSchemaIsRefusedClearlyAndNothingIsCreated() throws Exception {
        // given an empty database without a schema "shop"
        DataSource empty = db.newEmptyDatabase("noschema");

        // when it is migrated into "shop" without permission to create it, then that is refused
        assertThatThrownBy(() -> EcommerceSchema.migrate(empty, MigrationOptions.defaults().schema("shop").createSchema(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema \"shop\" does not exist")
                .hasMessageContaining("createSchema");

        // and nothing was created anywhere
        assertThat(Catalog.tables(empty, "shop")).isEmpty();
        assertThat(Catalog.tables(empty, "public")).isEmpty();
    }

    @Test
    void withoutCreateSchemaAnExistingSchemaIsUsed() throws Exception {
        // given a schema "shop" that the database's owner created
        DataSource empty = db.newEmptyDatabase("ownschema");
        try (Connection c = empty.getConnection()) {
            c.createStatement().execute("CREATE SCHEMA shop");
        }

        // when the library is migrated into it without permission to create schemas
        MigrationResult result = EcommerceSchema.migrate(empty, MigrationOptions.defaults().schema("shop").createSchema(false));

        // then it is installed there
        assertThat(result.migrationsApplied()).isEqualTo(20);
        assertThat(Catalog.tables(empty, "shop")).contains("customer", "product", "ecommerce_schema_history");
        assertThat(Catalog.tables(empty, "public")).isEmpty();
    }
}
