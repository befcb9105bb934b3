package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import javax.sql.DataSource;

import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The library's migrations beside a service's own, which the service runs with Flyway as Spring
 * Boot does by default: {@code classpath:db/migration} scanned recursively, history in
 * {@code flyway_schema_history}. The service's V1..V3 are this module's test resources.
 */
@OnBothEngines
class BesideServiceMigrationsTest {

    private static final String[] SERVICE_SCRIPTS = {"V1__app_account.sql", "V2__app_audit.sql", "V3__crm_customer.sql"};

    private final TestDatabase db;

    BesideServiceMigrationsTest(TestDatabase db) {
        this.db = db;
    }

    /** The service's Flyway, configured as Spring Boot configures it by default. */
    private static FluentConfiguration service(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    @Test
    void theServicesScanOfDbMigrationFindsOnlyItsOwnMigrations() {
        // given an empty database, when the service's Flyway lists what it would apply
        MigrationInfo[] found = service(db.newEmptyDatabase("scan")).load().info().all();

        // then it finds its three migrations and none of the library's
        assertThat(Arrays.stream(found).map(MigrationInfo::getScript)).containsExactly(SERVICE_SCRIPTS);
        assertThat(Arrays.stream(found).map(MigrationInfo::getPhysicalLocation))
                .noneMatch(location -> location.contains("org/ecommerce/schema"));
    }

    @Test
    void serviceFirstThenLibraryEachRecordsItsOwnMigrations() throws Exception {
        // given a database where the service's Flyway has run
        DataSource database = db.newEmptyDatabase("servicefirst");
        assertThat(service(database).load().migrate().migrationsExecuted).isEqualTo(3);

        // when the library migrates the same schema
        MigrationResult library = EcommerceSchema.migrate(database);

        // then every library migration is applied and recorded in the library's table
        assertThat(library.migrationsApplied()).isEqualTo(20);
        assertThat(library.schemaVersion()).isEqualTo("20");
        assertThat(Catalog.appliedVersions(database, "public", "ecommerce_schema_history")).hasSize(20);
        // and the service's table still records exactly the service's
        assertThat(Catalog.appliedVersions(database, "public", "flyway_schema_history")).containsExactly("1", "2", "3");
        // and each customer table lives in its own schema
        assertThat(Catalog.tables(database, "public")).contains("customer", "product", "app_account", "app_audit");
        assertThat(Catalog.tables(database, "crm")).containsExactly("customer");

        bothStartAgainAndApplyNothing(database, MigrationOptions.defaults(), service(database));
    }

    @Test
    void libraryFirstThenServiceThatBaselinesAtZeroInTheSameSchema() throws Exception {
        // given a database where the library has migrated the default schema
        DataSource database = db.newEmptyDatabase("libraryfirst");
        EcommerceSchema.migrate(database);

        // when the service's Flyway runs with spring.flyway.baseline-on-migrate=true and
        // spring.flyway.baseline-version=0 (the schema is no longer empty: see the next test)
        FluentConfiguration service = service(database).baselineOnMigrate(true).baselineVersion("0");
        int applied = service.load().migrate().migrationsExecuted;

        // then it applies all three of its migrations into its own history table
        assertThat(applied).isEqualTo(3);
        assertThat(Catalog.appliedVersions(database, "public", "flyway_schema_history")).containsExactly("1", "2", "3");
        assertThat(Catalog.appliedVersions(database, "public", "ecommerce_schema_history")).hasSize(20);

        bothStartAgainAndApplyNothing(database, MigrationOptions.defaults(), service);
    }

    @Test
    void aServiceFlywayWithBootDefaultsRefusesASchemaTheLibraryFilledFirst() {
        // given a database where the library has migrated the default schema
        DataSource database = db.newEmptyDatabase("refused");
        EcommerceSchema.migrate(database);

        // when the service's Flyway runs with nothing but Boot's defaults, then Flyway refuses a
        // schema that holds tables but no flyway_schema_history (Flyway's rule, not the library's)
        assertThatThrownBy(() -> service(database).load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void libraryFirstInItsOwnSchemaThenServiceWithBootDefaults() throws Exception {
        // given a database where the library has migrated into a schema of its own
        DataSource database = db.newEmptyDatabase("ownschema");
        MigrationOptions shop = MigrationOptions.defaults().schema("shop");
        EcommerceSchema.migrate(database, shop);

        // when the service's Flyway runs with Boot's defaults, in the default schema
        int applied = service(database).load().migrate().migrationsExecuted;

        // then it starts clean: all three migrations applied, beside the library
        assertThat(applied).isEqualTo(3);
        assertThat(Catalog.appliedVersions(database, "public", "flyway_schema_history")).containsExactly("1", "2", "3");
        assertThat(Catalog.appliedVersions(database, "shop", "ecommerce_schema_history")).hasSize(20);

        bothStartAgainAndApplyNothing(database, shop, service(database));
    }

    @Test
    void onARestartNeitherAppliesAnythingAndBothValidate() throws Exception {
        // given a database where both have migrated, the service first
        DataSource database = db.newEmptyDatabase("restart");
        service(database).load().migrate();
        EcommerceSchema.migrate(database);

        // when both start again, then (see the helper)
        bothStartAgainAndApplyNothing(database, MigrationOptions.defaults(), service(database));
        bothStartAgainAndApplyNothing(database, MigrationOptions.defaults(), service(database));
    }

    /** A restart of the service: both migrate again (nothing to apply) and both validate. */
    private static void bothStartAgainAndApplyNothing(DataSource database, MigrationOptions options,
                                                      FluentConfiguration service) {
        assertThat(EcommerceSchema.migrate(database, options).migrationsApplied()).isZero();
        assertThat(service.load().migrate().migrationsExecuted).isZero();
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(database, options));
        assertThatNoException().isThrownBy(() -> service.load().validate());
        assertThat(EcommerceSchema.currentVersion(database, options)).contains(EcommerceSchema.LATEST_VERSION);
    }
}
