package org.ecommerce.spring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the library's migrations when the application starts, beside the application's own: they
 * are recorded in a history table of their own, so that Spring Boot's Flyway sees only the
 * application's migrations and this one only the library's.
 *
 * <p>A database initializer in Spring Boot's sense
 * ({@link EcommerceSchemaMigrationDatabaseInitializerDetector}): it runs after the application's
 * Flyway or Liquibase migrations (before them with {@code ecommerce.migrate-first=true}), and beans
 * that wait for the database to be initialised (JPA, {@code JdbcTemplate}, jOOQ's
 * {@code DSLContext}) wait for it too.
 *
 * <p>The migrations need the schema's owner. When the user they run as may not change the schema
 * (or is the role {@code ecommerce.grant-to} names), the start fails with a
 * {@link SchemaOwnerRequiredException} that names the properties for the owner.
 */
public final class EcommerceSchemaMigration implements InitializingBean {

    /**
     * Refusals for want of a right: PostgreSQL's insufficient_privilege; H2's "not enough rights"
     * and "admin rights required" (its SQL states are its error codes).
     */
    private static final Set<String> PERMISSION_DENIED = Set.of("42501", "90096", "90040");

    private final DataSource dataSource;
    private final String connection;
    private final EcommerceProperties properties;
    private volatile MigrationResult result;

    /**
     * The migration of the library's schema on {@code dataSource}, with the schema, history table,
     * schema creation and role to grant to of {@code properties}.
     */
    public EcommerceSchemaMigration(DataSource dataSource, EcommerceProperties properties) {
        this(dataSource, "on its DataSource", properties);
    }

    /** As above; {@code connection} says where {@code dataSource} connects, for the report of a failure. */
    EcommerceSchemaMigration(DataSource dataSource, String connection, EcommerceProperties properties) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /**
     * Migrates.
     *
     * @throws SchemaOwnerRequiredException if the user the migrations ran as may not change the
     *                                      schema, or is the role to grant to
     */
    @Override
    public void afterPropertiesSet() {
        MigrationOptions options = options(properties);
        try {
            result = EcommerceSchema.migrate(dataSource, options);
        } catch (RuntimeException failure) {
            throw explained(failure, options);
        }
    }

    /** The migration options that {@code properties} set. */
    static MigrationOptions options(EcommerceProperties properties) {
        return MigrationOptions.defaults()
                .schema(properties.schema())
                .historyTable(properties.historyTable())
                .createSchema(properties.createSchema())
                .grantTo(properties.grantTo());
    }

    /** What the migration did: the engine, the migrations applied, the resulting version. */
    public MigrationResult result() {
        return result;
    }

    /**
     * {@code failure} as a {@link SchemaOwnerRequiredException} when the owner was wanted: the
     * database refused a statement for want of a right, or the role to grant to is the user that
     * migrated (which {@code migrate} refuses before changing anything); otherwise {@code failure}.
     */
    private RuntimeException explained(RuntimeException failure, MigrationOptions options) {
        SQLException denied = permissionDenied(failure);
        String grantTo = options.grantTo().orElse(null);
        if (denied == null && grantTo == null) {
            return failure;
        }
        String user = currentUser();
        String refusal;
        if (denied != null) {
            refusal = "the database refused them: " + firstLine(denied.getMessage());
        } else if (grantTo.equalsIgnoreCase(user)) {
            refusal = "ecommerce.grant-to names that same user, the role meant to read and write rows only";
        } else {
            return failure;
        }
        String description = "The library's migrations ran as " + (user == null ? "a user" : "\"" + user + "\"") + " "
                + connection + ", and " + refusal + ". They create and change the library's tables, triggers and "
                + "constraints: they need the owner of the schema.";
        String action = "Let the library's migrations connect as the schema's owner while the application's pool keeps "
                + "its role: set spring.flyway.user and spring.flyway.password to the owner (Spring Boot's Flyway then "
                + "migrates the service's own tables as the owner too; spring.flyway.url for another URL than the "
                + "application's), or, for the library's migrations alone, ecommerce.migration.user and "
                + "ecommerce.migration.password (and ecommerce.migration.url). Set ecommerce.grant-to to the role of "
                + "spring.datasource.username, so that the pool may read and write the library's tables.";
        return new SchemaOwnerRequiredException(description, action, failure);
    }

    /** The refusal for want of a right among the causes of {@code failure}, or null. */
    private static SQLException permissionDenied(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException e && PERMISSION_DENIED.contains(e.getSQLState())) {
                return e;
            }
        }
        return null;
    }

    /** The user the migrations connect as, or null if that cannot be found out. */
    private String currentUser() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** The database's message without the statement (H2 appends it after "; SQL statement:", PostgreSQL on lines of its own). */
    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String stripped = message.strip();
        int end = stripped.indexOf('\n');
        String line = end < 0 ? stripped : stripped.substring(0, end).strip();
        int statement = line.indexOf("; SQL statement:");
        return statement < 0 ? line : line.substring(0, statement);
    }
}
