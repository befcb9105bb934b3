package org.ecommerce.schema;

/**
 * What {@link EcommerceSchema#migrate} did.
 *
 * @param engine            the engine detected from the data source
 * @param migrationsApplied how many migrations this call applied (0 when the schema was current)
 * @param schemaVersion     the schema version after the call
 */
public record MigrationResult(Engine engine, int migrationsApplied, String schemaVersion) {
}
