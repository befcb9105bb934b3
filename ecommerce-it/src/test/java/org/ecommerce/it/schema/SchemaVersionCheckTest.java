package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.SchemaVersionException;
import org.junit.jupiter.api.Test;

/** {@code Ecommerce.create} works only on a database at the schema version the library needs, and says which. */
@OnBothEngines
class SchemaVersionCheckTest {

    @Test
    void anUnmigratedDatabaseIsRefusedAtCreateWithWhatToRun(TestDatabase db) {
        // given a database without the library's tables
        DataSource empty = db.newEmptyDatabase("unmigrated");

        // when the library is created on it
        SchemaVersionException refused = catchThrowableOfType(SchemaVersionException.class, () -> Ecommerce.create(empty));

        // then it says the version needed, that none was found, and what to run
        assertThat(refused.expected()).isEqualTo(EcommerceSchema.LATEST_VERSION);
        assertThat(refused.found()).isEmpty();
        assertThat(refused).hasMessageContaining("not migrated").hasMessageContaining("EcommerceSchema.migrate");
    }

    @Test
    void aDatabaseAtAnOlderVersionIsRefusedNamingBothVersions(TestDatabase db) throws SQLException {
        // given a database whose history ends one migration before the latest
        DataSource database = db.newEmptyDatabase("older");
        EcommerceSchema.migrate(database);
        try (PlainSql sql = new PlainSql(database)) {
            sql.update("DELETE FROM ecommerce_schema_history WHERE \"version\" = ?", EcommerceSchema.LATEST_VERSION);
        }
        String older = EcommerceSchema.currentVersion(database).orElseThrow();

        // when the library is created on it
        SchemaVersionException refused = catchThrowableOfType(SchemaVersionException.class, () -> Ecommerce.create(database));

        // then it names both versions and says to upgrade
        assertThat(refused.found()).contains(older);
        assertThat(refused.expected()).isEqualTo(EcommerceSchema.LATEST_VERSION);
        assertThat(refused).hasMessageContaining(older).hasMessageContaining(EcommerceSchema.LATEST_VERSION)
                .hasMessageContaining("to upgrade it");
    }

    @Test
    void aHistoryTableOfAnotherNameIsReadWhenTheBuilderNamesIt(TestDatabase db) {
        // given a database migrated with its history in a table of another name
        DataSource database = db.newEmptyDatabase("history");
        EcommerceSchema.migrate(database, MigrationOptions.defaults().historyTable("shop_versions"));

        // when / then: the builder that names the table builds, the default one does not
        assertThatNoException().isThrownBy(() -> Ecommerce.builder(database).historyTable("shop_versions").build());
        assertThat(catchThrowableOfType(SchemaVersionException.class, () -> Ecommerce.create(database)).found()).isEmpty();
    }
}
