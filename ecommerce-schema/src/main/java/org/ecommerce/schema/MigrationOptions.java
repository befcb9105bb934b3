package org.ecommerce.schema;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where {@link EcommerceSchema} installs the schema and records its migrations. Immutable: each
 * {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * EcommerceSchema.migrate(dataSource, MigrationOptions.defaults().schema("shop"));
 * }</pre>
 *
 * <p>Names are lower-case SQL identifiers ({@code [a-z_][a-z0-9_]*}, at most 63 characters, the
 * PostgreSQL limit), so that they mean the same on both engines, quoted or not.
 */
public final class MigrationOptions {

    /** The history table of {@link #defaults()}: the library's own, beside a service's {@code flyway_schema_history}. */
    public static final String DEFAULT_HISTORY_TABLE = "ecommerce_schema_history";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final MigrationOptions DEFAULTS = new MigrationOptions(null, DEFAULT_HISTORY_TABLE, true);

    private final String schema;
    private final String historyTable;
    private final boolean createSchema;

    private MigrationOptions(String schema, String historyTable, boolean createSchema) {
        this.schema = schema;
        this.historyTable = historyTable;
        this.createSchema = createSchema;
    }

    /**
     * The defaults: the connection's current schema ({@code public} on PostgreSQL and on H2 with
     * {@link EcommerceSchema#H2_URL_SETTINGS}), history table {@value #DEFAULT_HISTORY_TABLE},
     * and a missing schema is created.
     */
    public static MigrationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy that installs every table, trigger and function of the library, and its history
     * table, in {@code schema}; {@code null} goes back to the connection's current schema.
     *
     * @throws IllegalArgumentException if {@code schema} is not a lower-case identifier
     */
    public MigrationOptions schema(String schema) {
        return new MigrationOptions(schema == null ? null : identifier("schema", schema), historyTable, createSchema);
    }

    /**
     * A copy that records the library's migrations in {@code historyTable}, in the schema of
     * {@link #schema()}.
     *
     * @throws IllegalArgumentException if {@code historyTable} is not a lower-case identifier
     */
    public MigrationOptions historyTable(String historyTable) {
        return new MigrationOptions(schema, identifier("historyTable", historyTable), createSchema);
    }

    /**
     * A copy that creates a missing {@link #schema()} ({@code true}) or refuses to migrate
     * without it ({@code false}, for a database user who may not create schemas).
     */
    public MigrationOptions createSchema(boolean createSchema) {
        return new MigrationOptions(schema, historyTable, createSchema);
    }

    /** The schema to install into; empty for the connection's current schema. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** The table that records the library's migrations. */
    public String historyTable() {
        return historyTable;
    }

    /** Whether a missing {@link #schema()} is created. */
    public boolean createSchema() {
        return createSchema;
    }

    private static String identifier(String option, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("MigrationOptions." + option + " must be a lower-case SQL identifier "
                    + "([a-z_][a-z0-9_]*, at most 63 characters), not " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationOptions o && Objects.equals(schema, o.schema)
                && historyTable.equals(o.historyTable) && createSchema == o.createSchema;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, historyTable, createSchema);
    }

    @Override
    public String toString() {
        return "MigrationOptions[schema=" + (schema == null ? "(current)" : schema) + ", historyTable=" + historyTable
                + ", createSchema=" + createSchema + "]";
    }
}
