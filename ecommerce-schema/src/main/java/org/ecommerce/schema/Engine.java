package org.ecommerce.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.jooq.SQLDialect;

/**
 * The database engines the library supports, and how to recognise them from a connection.
 *
 * <p>Each engine has its own Flyway location for the objects that cannot be written portably
 * (triggers, expression indexes); everything else lives in {@value #COMMON_LOCATION}.
 * The locations sit under the library's own package, not under {@code db/migration}, so that a
 * service's Flyway (which scans {@code classpath:db/migration} recursively) never finds them.
 */
public enum Engine {

    /** H2 2.x, embedded: tests, demos and small deployments. */
    H2("H2", "classpath:org/ecommerce/schema/migration/h2", SQLDialect.H2),

    /** PostgreSQL 15 or newer: production. */
    POSTGRESQL("PostgreSQL", "classpath:org/ecommerce/schema/migration/postgresql", SQLDialect.POSTGRES);

    /** Flyway location of the portable migrations that every engine runs. */
    public static final String COMMON_LOCATION = "classpath:org/ecommerce/schema/migration/common";

    static {
        FirstContactLog.quiet();
    }

    private static final int MIN_POSTGRESQL_MAJOR = 15;
    private static final int MIN_H2_MAJOR = 2;

    private final String displayName;
    private final String location;
    private final SQLDialect dialect;

    Engine(String displayName, String location, SQLDialect dialect) {
        this.displayName = displayName;
        this.location = location;
        this.dialect = dialect;
    }

    /** The engine's usual name, as people write it ("PostgreSQL", "H2"). */
    public String displayName() {
        return displayName;
    }

    /** Flyway location of this engine's own migrations. */
    public String migrationLocation() {
        return location;
    }

    /** The jOOQ dialect that renders SQL for this engine. */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * Checks that the database behind {@code connection} runs the library's SQL as written: on H2
     * with {@link EcommerceSchema#H2_URL_SETTINGS} (PostgreSQL needs no setting). Without them
     * H2 reads identifiers in upper case and sorts NULLs the other way, and the migrations fail
     * part of the way through.
     *
     * @throws UnsupportedEngineException naming the settings found and what to add to the URL
     */
    public void requireSettings(Connection connection) throws SQLException {
        if (this != H2) {
            return;
        }
        String mode = "";
        String toLower = "";
        String nullOrdering = "";
        try (var statement = connection.createStatement();
             var settings = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME IN ('MODE', 'DATABASE_TO_LOWER', 'DEFAULT_NULL_ORDERING')")) {
            while (settings.next()) {
                String value = settings.getString("SETTING_VALUE");
                switch (settings.getString("SETTING_NAME")) {
                    case "MODE" -> mode = value;
                    case "DATABASE_TO_LOWER" -> toLower = value;
                    default -> nullOrdering = value;
                }
            }
        }
        if (!mode.equalsIgnoreCase("PostgreSQL") || !toLower.equalsIgnoreCase("true") || !nullOrdering.equalsIgnoreCase("HIGH")) {
            throw new UnsupportedEngineException("H2 runs this library only with " + EcommerceSchema.H2_URL_SETTINGS
                    + "; this database has MODE=" + mode + ", DATABASE_TO_LOWER=" + toLower + ", DEFAULT_NULL_ORDERING="
                    + nullOrdering + ": add ;" + EcommerceSchema.H2_URL_SETTINGS + " to its JDBC URL");
        }
    }

    /**
     * Detects the engine behind a data source.
     *
     * @throws UnsupportedEngineException if it is neither H2 2.x nor PostgreSQL 15+
     * @throws IllegalStateException if no connection can be opened
     */
    public static Engine of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a connection to detect the database engine: " + e.getMessage(), e);
        }
    }

    /**
     * Detects the engine behind an open connection.
     *
     * @throws UnsupportedEngineException if it is neither H2 2.x nor PostgreSQL 15+
     */
    public static Engine of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return of(meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(), meta.getDatabaseProductVersion());
    }

    /**
     * Detects the engine from what a JDBC driver reports about its database.
     *
     * @param productName  {@link DatabaseMetaData#getDatabaseProductName()}
     * @param majorVersion {@link DatabaseMetaData#getDatabaseMajorVersion()}
     * @param version      {@link DatabaseMetaData#getDatabaseProductVersion()}, for the message
     * @throws UnsupportedEngineException if it is neither H2 2.x nor PostgreSQL 15+
     */
    public static Engine of(String productName, int majorVersion, String version) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        Engine engine = switch (name) {
            case "h2" -> H2;
            case "postgresql" -> POSTGRESQL;
            default -> throw new UnsupportedEngineException("unsupported database " + productName + " " + version
                    + ": this library runs on PostgreSQL " + MIN_POSTGRESQL_MAJOR + "+ and H2 " + MIN_H2_MAJOR + ".x");
        };
        int minimum = engine == H2 ? MIN_H2_MAJOR : MIN_POSTGRESQL_MAJOR;
        if (majorVersion < minimum) {
            throw new UnsupportedEngineException(engine.displayName + " " + version + " is too old: this library needs "
                    + engine.displayName + " " + minimum + " or newer");
        }
        return engine;
    }
}
