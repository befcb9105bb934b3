package org.ecommerce.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
 * MigrationResult inShop = EcommerceSchema.migrate(dataSource, MigrationOptions.defaults().schema("shop"));
 * }</pre>
 *
 * <p>The library lives beside a service's own Flyway migrations: its scripts sit under
 * {@code org/ecommerce/schema/migration} (not {@code db/migration}) and it records them in a history
 * table of its own, {@value MigrationOptions#DEFAULT_HISTORY_TABLE} (not {@code flyway_schema_history}).
 * A database whose library migrations were recorded in {@code flyway_schema_history} moves them
 * to that table on its next {@code migrate}.
 *
 * <p>Every method uses one connection of the data source at a time, so a pool of one suffices.
 * Instances that migrate one database at the same moment take turns (on PostgreSQL through an
 * advisory lock; on H2, which runs embedded, within the process).
 *
 * <p>Two roles: the rules that protect the data live in triggers and constraints, which the owner of
 * a table can switch off. Migrate as the schema's owner with {@link MigrationOptions#grantTo(String)}
 * naming the application's role, and let the application connect as that role: it may read and
 * write the library's tables, nothing more ({@link #grantStatements(Engine, MigrationOptions)}
 * lists the statements, for operators who grant by hand).
 *
 * <p>H2 must run with lower-case identifiers, as PostgreSQL does:
 * {@value #H2_URL_SETTINGS}.
 */
public final class EcommerceSchema {

    /** The settings an H2 URL needs so that the same generated SQL runs on H2 and PostgreSQL. */
    public static final String H2_URL_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * The version the migrations of this library reach, on either engine: what
     * {@link #currentVersion} reports for a database that is up to date.
     */
    public static final String LATEST_VERSION = "84";

    // The library's history table is created on the first migrate. When the schema already holds
    // other tables (a service's, migrated first), Flyway refuses to start a history table there
    // unless told to baseline; a baseline at 0 records that and still applies every migration.
    private static final String BASELINE_BESIDE_OTHER_TABLES = "0";

    /** The current schema of a new connection on both engines (on H2 with {@link #H2_URL_SETTINGS}). */
    private static final String DEFAULT_SCHEMA = "public";

    private EcommerceSchema() {
    }

    /**
     * Brings the schema behind {@code dataSource} to the current version with the
     * {@linkplain MigrationOptions#defaults() default options}; a no-op when it already is.
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+, or is H2 without
     *                                     {@link #H2_URL_SETTINGS}
     */
    public static MigrationResult migrate(DataSource dataSource) {
        return migrate(dataSource, MigrationOptions.defaults());
    }

    /**
     * Brings the schema described by {@code options} to the current version; a no-op when it
     * already is. A database whose library migrations were recorded in Flyway's default table,
     * {@code flyway_schema_history}, first moves them to the options' history table. With
     * {@link MigrationOptions#grantTo(String)}, the role is then granted its rights (also when no
     * migration was pending).
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+, or is H2 without
     *                                     {@link #H2_URL_SETTINGS}
     * @throws IllegalStateException if the options' schema is missing and may not be created, if
     *                               the role to grant to is missing, is the migrating user or is a
     *                               superuser (checked before anything is migrated), or if the
     *                               database cannot be read
     */
    public static MigrationResult migrate(DataSource dataSource, MigrationOptions options) {
        Objects.requireNonNull(options, "options");
        return onOneConnection(dataSource, (connection, flywayDataSource, engine) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            MigrationLock.take(connection, engine);
            try {
                String schema = schemaOf(connection, options);
                if (options.schema().isPresent() && !options.createSchema() && !schemaExists(connection, schema)) {
                    throw new IllegalStateException("schema \"" + schema + "\" does not exist and MigrationOptions.createSchema "
                            + "is false: create the schema first, or let the library create it (createSchema(true))");
                }
                if (options.grantTo().isPresent()) {
                    ApplicationGrants.checkRole(connection, engine, options.grantTo().get());
                }
                if (schema != null) {
                    LegacyHistory.moveToOwnTable(connection, schema, options.historyTable(),
                            table -> configure(flywayDataSource, engine, options).table(table));
                }
                MigrateResult result = configure(flywayDataSource, engine, options)
                        .baselineOnMigrate(true)
                        .baselineVersion(BASELINE_BESIDE_OTHER_TABLES)
                        .baselineDescription("<< installed beside existing tables >>")
                        .load()
                        .migrate();
                if (engine == Engine.POSTGRESQL) {
                    maintainInteractions(connection, schema);
                }
                if (options.grantTo().isPresent()) {
                    // every time, not only after new migrations: simpler than default privileges, and
                    // it covers a role named for the first time on a schema already current
                    ApplicationGrants.grant(connection, engine, schema, options.historyTable(), options.grantTo().get());
                }
                String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
                return new MigrationResult(engine, result.migrationsExecuted, version);
            } finally {
                MigrationLock.release(connection, engine);
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    /**
     * The statements by which {@link #migrate(DataSource, MigrationOptions)} grants the role of
     * {@link MigrationOptions#grantTo(String)} its rights, for an operator who runs them by hand
     * (as the schema's owner, after every migrate that adds a table). One statement a string,
     * without a terminating semicolon; every name quoted.
     *
     * <p>Without {@link MigrationOptions#schema(String)} the names are qualified with
     * {@code public}, the current schema on both engines by default. PostgreSQL names an identity
     * column's sequence {@code <table>_<column>_seq} unless that name is taken; these statements
     * assume it was not ({@code migrate} looks the names up).
     *
     * <pre>{@code
     * EcommerceSchema.grantStatements(Engine.POSTGRESQL, MigrationOptions.defaults().grantTo("shop_app"))
     *         .forEach(sql -> System.out.println(sql + ";"));
     * // GRANT USAGE ON SCHEMA "public" TO "shop_app";
     * // GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."basket" TO "shop_app"; ...
     * }</pre>
     *
     * @throws IllegalArgumentException if the options name no role to grant to
     */
    public static List<String> grantStatements(Engine engine, MigrationOptions options) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        String role = options.grantTo().orElseThrow(() -> new IllegalArgumentException(
                "MigrationOptions.grantTo names no role: there is nothing to grant"));
        return List.copyOf(ApplicationGrants.statements(engine, options.schema().orElse(DEFAULT_SCHEMA),
                options.historyTable(), role));
    }

    /**
     * Checks, with the {@linkplain MigrationOptions#defaults() default options}, that the
     * migrations applied to {@code dataSource} are exactly the ones this library ships.
     *
     * @throws IllegalStateException naming the differences, if there are any
     */
    public static void validate(DataSource dataSource) {
        validate(dataSource, MigrationOptions.defaults());
    }

    /**
     * Checks that the migrations recorded in the options' history table are exactly the ones this
     * library ships (none missing, none changed since they were applied).
     *
     * @throws IllegalStateException naming the differences, if there are any
     */
    public static void validate(DataSource dataSource, MigrationOptions options) {
        Objects.requireNonNull(options, "options");
        ValidateResult result = onOneConnection(dataSource, (connection, flywayDataSource, engine) ->
                configure(flywayDataSource, engine, options).load().validateWithResult());
        if (!result.validationSuccessful) {
            throw new IllegalStateException("schema validation failed: " + result.getAllErrorMessages());
        }
    }

    /**
     * The schema version recorded with the {@linkplain MigrationOptions#defaults() default options},
     * or empty when the library was never installed there; see {@link #currentVersion(DataSource, MigrationOptions)}.
     *
     * @throws IllegalStateException if the database cannot be read
     */
    public static Optional<String> currentVersion(DataSource dataSource) {
        return currentVersion(dataSource, MigrationOptions.defaults());
    }

    /**
     * The schema version recorded in the options' history table (the version of the latest
     * migration applied), or empty when the library was never installed there. One lookup in the
     * catalogue and one in the history table: cheap enough for every start-up; compare it with
     * {@link #LATEST_VERSION}.
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+, or is H2 without
     *                                     {@link #H2_URL_SETTINGS}
     * @throws IllegalStateException if the database cannot be read
     */
    public static Optional<String> currentVersion(DataSource dataSource, MigrationOptions options) {
        Objects.requireNonNull(options, "options");
        try (Connection connection = dataSource.getConnection()) {
            Engine.of(connection).requireSettings(connection);
            String schema = schemaOf(connection, options);
            if (schema == null || !tableExists(connection, schema, options.historyTable())) {
                return Optional.empty();
            }
            // rows in the order applied: the last successful versioned one is the current version
            // (Flyway's column names are lower case, quoted on H2)
            try (PreparedStatement ps = connection.prepareStatement("SELECT \"version\" FROM "
                    + quoted(schema) + "." + quoted(options.historyTable()) + " WHERE \"success\" AND \"version\" IS NOT NULL"
                    + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROW ONLY");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the database is at {@link #LATEST_VERSION}, the version this library works with.
     *
     * @throws SchemaVersionException naming the version found (none when never migrated) and the one needed
     * @throws IllegalStateException if the database cannot be read
     */
    public static void requireCurrent(DataSource dataSource, MigrationOptions options) {
        Optional<String> found = currentVersion(dataSource, options);
        if (!found.equals(Optional.of(LATEST_VERSION))) {
            throw new SchemaVersionException(LATEST_VERSION, found.orElse(null),
                    options.schema().map(schema -> schema + ".").orElse("") + options.historyTable());
        }
    }

    private static FluentConfiguration configure(DataSource dataSource, Engine engine, MigrationOptions options) {
        FluentConfiguration configuration = Flyway.configure(EcommerceSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(Engine.COMMON_LOCATION, engine.migrationLocation())
                .failOnMissingLocations(true)
                .table(options.historyTable());
        // without a schema Flyway works in the connection's current schema, as plain SQL would
        options.schema().ifPresent(schema -> configuration.schemas(schema).createSchemas(options.createSchema()));
        return configuration;
    }

    /**
     * Runs PostgreSQL's {@code interaction_maintenance()} (V71): the partitions of the coming
     * months exist after every migrate, and the retention, if set, is applied.
     */
    private static void maintainInteractions(Connection connection, String schema) throws SQLException {
        String function = (schema == null ? "" : "\"" + schema.replace("\"", "\"\"") + "\".") + "interaction_maintenance()";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT * FROM " + function);
        }
    }

    /** The schema the options designate: theirs, or the connection's current one (null if it has none). */
    private static String schemaOf(Connection connection, MigrationOptions options) throws SQLException {
        return options.schema().isPresent() ? options.schema().get() : connection.getSchema();
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code name} as a quoted SQL identifier: exactly that name, whatever its case. */
    static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Runs {@code work} on one connection of {@code dataSource}, handing Flyway a data source that
     * returns that same connection. Flyway opens a second connection on PostgreSQL (measured: a
     * pool of one times out); one borrowed connection keeps a small pool usable and cannot
     * deadlock against itself.
     */
    private static <T> T onOneConnection(DataSource dataSource, Work<T> work) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            Engine engine = Engine.of(connection);
            engine.requireSettings(connection); // before anything is read or migrated
            return work.run(connection, new OneConnectionDataSource(connection), engine);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or change the schema: " + e.getMessage(), e);
        }
    }

    /**
     * Makes migrations of one database take turns, from the first look at its history to the last
     * migration applied. Flyway locks its history table on a connection of its own while the
     * migrations commit on another; on the one connection it gets here, the first commit would
     * end that lock (a transaction-scoped advisory lock on PostgreSQL, a row lock on H2), and its
     * baseline-on-migrate looks at the schema before locking at all.
     */
    private static final class MigrationLock {

        /** PostgreSQL advisory lock key (a session lock: it outlives the migrations' commits). */
        private static final long KEY = 0x65636f6d6d657263L;
        /** H2 runs embedded: the migrations of this process take turns. */
        private static final ReentrantLock IN_PROCESS = new ReentrantLock();

        static void take(Connection connection, Engine engine) throws SQLException {
            if (engine == Engine.POSTGRESQL) {
                advisory(connection, "pg_advisory_lock");
            } else {
                IN_PROCESS.lock();
            }
        }

        static void release(Connection connection, Engine engine) throws SQLException {
            if (engine == Engine.POSTGRESQL) {
                advisory(connection, "pg_advisory_unlock");
            } else {
                IN_PROCESS.unlock();
            }
        }

        private static void advisory(Connection connection, String function) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?)")) {
                ps.setLong(1, KEY);
                ps.executeQuery().close();
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection, DataSource flywayDataSource, Engine engine) throws SQLException;
    }

    /**
     * Hands out one open connection again and again; closing it is a no-op (its owner closes it).
     * Neither Flyway nor H2 ships one that the library could use without a new dependency.
     */
    private static final class OneConnectionDataSource implements DataSource {

        private final Connection unclosable;

        OneConnectionDataSource(Connection connection) {
            this.unclosable = (Connection) Proxy.newProxyInstance(EcommerceSchema.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> null;
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> {
                            try {
                                yield method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
        }

        @Override
        public Connection getConnection() {
            return unclosable;
        }

        @Override
        public Connection getConnection(String user, String password) {
            return unclosable;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
