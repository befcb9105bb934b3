package org.ecommerce.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The database schema: creates or upgrades it on a data source.
 *
 * <p>The engine is detected from the connection and picks the migration locations: the portable
 * migrations plus that engine's own (its triggers and special indexes). A missing location fails
 * loudly instead of silently leaving the rules out.
 *
 * <pre>{@code
 * MigrationResult result = EcommerceSchema.migrate(dataSource);
 * }</pre>
 *
 * <p>H2 must run with lower-case identifiers, as PostgreSQL does:
 * {@value #H2_URL_SETTINGS}.
 */
public final class EcommerceSchema {

    /** The settings an H2 URL needs so that the same generated SQL runs on H2 and PostgreSQL. */
    public static final String H2_URL_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private EcommerceSchema() {
    }

    /**
     * Brings the schema behind {@code dataSource} to the current version; a no-op when it already is.
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+
     */
    public static MigrationResult migrate(DataSource dataSource) {
        Engine engine = Engine.of(dataSource);
        MigrateResult result = flyway(dataSource, engine).migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new MigrationResult(engine, result.migrationsExecuted, version);
    }

    /**
     * Checks that the migrations applied to {@code dataSource} are exactly the ones this library
     * ships (none missing, none changed since they were applied).
     *
     * @throws IllegalStateException naming the differences, if there are any
     */
    public static void validate(DataSource dataSource) {
        ValidateResult result = flyway(dataSource, Engine.of(dataSource)).validateWithResult();
        if (!result.validationSuccessful) {
            throw new IllegalStateException("schema validation failed: " + result.getAllErrorMessages());
        }
    }

    private static Flyway flyway(DataSource dataSource, Engine engine) {
        return Flyway.configure(EcommerceSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(Engine.COMMON_LOCATION, engine.migrationLocation())
                .failOnMissingLocations(true)
                .load();
    }
}
