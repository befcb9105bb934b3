package org.ecommerce.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationResult;
import org.ecommerce.schema.UnsupportedEngineException;

/**
 * The database a command works on, as chosen by the global options: the embedded H2 file
 * database of the data directory, or any JDBC URL.
 */
public final class Database implements AutoCloseable {

    private static final String H2_PREFIX = "jdbc:h2:";

    private final String url;
    private final DataSource dataSource;
    private final Engine engine;
    // An embedded H2 database closes with its last connection; the library opens one per call,
    // so without this every call would reopen the file.
    private final Connection keepOpen;

    private Database(String url, DataSource dataSource, Engine engine, Connection keepOpen) {
        this.url = url;
        this.dataSource = dataSource;
        this.engine = engine;
        this.keepOpen = keepOpen;
    }

    /** The JDBC URL of the embedded H2 database kept in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return H2_PREFIX + "file:" + dataDir.toAbsolutePath().normalize().resolve("ecommerce") + ";"
                + EcommerceSchema.H2_URL_SETTINGS;
    }

    /**
     * Connects to {@code url}. An H2 URL without the settings the library needs gets them appended;
     * an H2 URL without a user gets H2's default user {@code sa}.
     *
     * @throws CliException with {@link ExitCode#DATABASE_UNAVAILABLE} if no connection can be made
     *                      or the engine is not supported
     */
    public static Database open(String url, String user, String password) {
        String effectiveUrl = url;
        String effectiveUser = user;
        if (url.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())) {
            if (!url.toUpperCase(Locale.ROOT).contains("DATABASE_TO_LOWER")) {
                effectiveUrl = url + ";" + EcommerceSchema.H2_URL_SETTINGS;
            }
            effectiveUser = user == null ? "sa" : user;
        }
        DataSource dataSource = new JdbcUrlDataSource(effectiveUrl, effectiveUser, password);
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new CliException(ExitCode.DATABASE_UNAVAILABLE,
                    "cannot connect to " + redact(effectiveUrl) + ": " + e.getMessage(), e);
        }
        try {
            Engine engine = Engine.of(connection);
            if (engine == Engine.H2) {
                return new Database(effectiveUrl, dataSource, engine, connection);
            }
            connection.close();
            return new Database(effectiveUrl, dataSource, engine, null);
        } catch (SQLException | UnsupportedEngineException e) {
            closeQuietly(connection);
            throw new CliException(ExitCode.DATABASE_UNAVAILABLE, redact(effectiveUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates or upgrades the schema unless its history already records {@link EcommerceSchema#LATEST_VERSION}:
     * one lookup in the history table, where {@link #migrate} starts Flyway, which reads and checks
     * every migration (seconds at each start of a command).
     */
    public void migrateUnlessCurrent() {
        if (!EcommerceSchema.currentVersion(dataSource).equals(Optional.of(EcommerceSchema.LATEST_VERSION))) {
            migrate();
        }
    }

    /**
     * Refuses a database that is not at {@link EcommerceSchema#LATEST_VERSION} (a mistyped URL, a
     * database never migrated), saying to run {@code migrate}, before a command reads it.
     */
    public void requireCurrent() {
        Optional<String> found = EcommerceSchema.currentVersion(dataSource);
        if (!found.equals(Optional.of(EcommerceSchema.LATEST_VERSION))) {
            throw new CliException(ExitCode.STATE_CONFLICT, displayUrl() + " holds "
                    + found.map(version -> "the shop's schema at version " + version).orElse("no shop's schema")
                    + ", and this command needs version " + EcommerceSchema.LATEST_VERSION + ": run 'ecommerce migrate' first");
        }
    }

    /** Creates or upgrades the schema (a no-op when it is current). */
    public MigrationResult migrate() {
        return EcommerceSchema.migrate(dataSource);
    }

    /** Connections to the database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The engine behind it. */
    public Engine engine() {
        return engine;
    }

    /** The URL without its parameters (which may hold a password), for messages. */
    public String displayUrl() {
        return redact(url);
    }

    /** {@code url} up to its first parameter: H2 settings and PostgreSQL credentials are left out. */
    static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public void close() {
        if (keepOpen != null) {
            closeQuietly(keepOpen);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort: the command's outcome is already decided
        }
    }
}
