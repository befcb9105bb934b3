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
 * <p>With {@link #grantTo(String)} the user that migrates (the schema's owner) also grants an
 * application role the right to read and write the library's tables, and nothing more: see
 * {@link EcommerceSchema#grantStatements(Engine, MigrationOptions)}.
 *
 * <p>Names are lower-case SQL identifiers ({@code [a-z_][a-z0-9_]*}, at most 63 characters, the
 * PostgreSQL limit), so that they mean the same on both engines, quoted or not.
 */
public final class MigrationOptions {

    /** The history table of {@link #defaults()}: the library's own, beside a service's {@code flyway_schema_history}. */
    public static final String DEFAULT_HISTORY_TABLE = "ecommerce_schema_history";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final MigrationOptions DEFAULTS = new MigrationOptions(null, DEFAULT_HISTORY_TABLE, true, null);

    private final String schema;
    private final String historyTable;
    private final boolean createSchema;
    private final String grantTo;

    private MigrationOptions(String schema, String historyTable, boolean createSchema, String grantTo) {
        this.schema = schema;
        this.historyTable = historyTable;
        this.createSchema = createSchema;
        this.grantTo = grantTo;
    }

    /**
     * The defaults: the connection's current schema ({@code public} on PostgreSQL and on H2 with
     * {@link EcommerceSchema#H2_URL_SETTINGS}), history table {@value #DEFAULT_HISTORY_TABLE},
     * a missing schema is created, and no rights are granted to anyone.
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
        return new MigrationOptions(schema == null ? null : identifier("schema", schema), historyTable, createSchema, grantTo);
    }

    /**
     * A copy that records the library's migrations in {@code historyTable}, in the schema of
     * {@link #schema()}.
     *
     * @throws IllegalArgumentException if {@code historyTable} is not a lower-case identifier
     */
    public MigrationOptions historyTable(String historyTable) {
        return new MigrationOptions(schema, identifier("historyTable", historyTable), createSchema, grantTo);
    }

    /**
     * A copy that creates a missing {@link #schema()} ({@code true}) or refuses to migrate
     * without it ({@code false}, for a database user who may not create schemas).
     */
    public MigrationOptions createSchema(boolean createSchema) {
        return new MigrationOptions(schema, historyTable, createSchema, grantTo);
    }

    /**
     * A copy that, after every migrate, grants {@code role} the rights an application needs and
     * no others; {@code null} grants nothing. The rights, on PostgreSQL: {@code USAGE} on the
     * schema; {@code SELECT, INSERT, UPDATE, DELETE} on each of the library's tables;
     * {@code SELECT} alone on the history table (so that the application can read the schema
     * version but not rewrite the history); {@code USAGE, SELECT} on the sequences of the tables'
     * identity columns. On H2 the same rights on the same tables (H2 has no USAGE right, and its
     * identity columns need none). Never {@code TRUNCATE}, {@code REFERENCES}, {@code TRIGGER},
     * {@code CREATE} or ownership: the triggers and constraints that hold the library's rules stay
     * out of the application's reach.
     *
     * <p>The grants are made again on every migrate, also when no migration was pending, so a
     * table added by a later migration is covered by the migrate that creates it. Rights granted
     * by hand are left as they are.
     *
     * <p>The role is the operator's to create, before migrating (PostgreSQL:
     * {@code CREATE ROLE shop_app LOGIN PASSWORD '...'}; H2: {@code CREATE USER shop_app PASSWORD '...'}).
     * Migrating refuses, naming the role, when it does not exist, when it is the user that
     * migrates, or when it is a superuser (PostgreSQL) or an administrator (H2), for whom rights
     * mean nothing.
     *
     * @throws IllegalArgumentException if {@code role} is not a lower-case identifier
     */
    public MigrationOptions grantTo(String role) {
        return new MigrationOptions(schema, historyTable, createSchema, role == null ? null : identifier("grantTo", role));
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

    /** The application role granted read and write rights on every migrate; empty for none. */
    public Optional<String> grantTo() {
        return Optional.ofNullable(grantTo);
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
                && historyTable.equals(o.historyTable) && createSchema == o.createSchema && Objects.equals(grantTo, o.grantTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, historyTable, createSchema, grantTo);
    }

    @Override
    public String toString() {
        return "MigrationOptions[schema=" + (schema == null ? "(current)" : schema) + ", historyTable=" + historyTable
                + ", createSchema=" + createSchema + ", grantTo=" + (grantTo == null ? "(nobody)" : grantTo) + "]";
    }
}
