package org.ecommerce.spring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ecommerce.*} settings of the auto-configured library.
 *
 * <p>Two roles: the library's rules live in triggers and constraints, which the owner of a table
 * can switch off, so a service's pool may connect as a role that may only read and write rows,
 * while the migrations connect as the schema's owner. The library's migrations connect as Spring
 * Boot's Flyway does: with {@code spring.flyway.url}, {@code spring.flyway.user} and
 * {@code spring.flyway.password} when the service sets a URL or user there, or with
 * {@code ecommerce.migration.*} ({@link Migration}), which take precedence; otherwise on the
 * application's {@code DataSource}. {@code ecommerce.grant-to} names the pool's role, to which
 * every migrate grants its rights.
 *
 * <pre>
 * spring.datasource.username=shop_app
 * spring.flyway.user=shop_owner
 * spring.flyway.password=...
 * ecommerce.grant-to=shop_app
 * </pre>
 *
 * @param schema                 Schema of the library's tables. Unset: the connection's current schema.
 * @param historyTable           Table in which the library records its own migrations, apart from the
 *                               application's flyway_schema_history.
 * @param createSchema           Whether the library's migrations create the schema when it does not exist.
 * @param migrateOnStart         Whether the library's migrations run when the application starts.
 * @param grantTo                Role that the library's migrations grant read and write rights on its tables, and
 *                               nothing more, every time they run: the role the application's pool connects as
 *                               when the migrations connect as the schema's owner. The operator creates the role.
 *                               Unset: nothing is granted.
 * @param migration              How the library's migrations connect when not as spring.flyway.* or the
 *                               application's DataSource say.
 * @param maxRetries             How often a transaction of the library's own is run again after a serialization
 *                               failure or deadlock. A transaction of the application's is never retried by the
 *                               library.
 * @param statementTimeout       How long one statement of the library may run before the database cancels it,
 *                               rounded up to whole seconds. Unset: no limit.
 * @param slowStatementThreshold Statements of the library at least this slow are logged at WARN. Unset: none.
 * @param logEveryStatement      Whether every statement of the library is logged at DEBUG.
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(
        String schema,
        @DefaultValue("ecommerce_schema_history") String historyTable,
        @DefaultValue("true") boolean createSchema,
        @DefaultValue("true") boolean migrateOnStart,
        String grantTo,
        Migration migration,
        @DefaultValue("5") int maxRetries,
        Duration statementTimeout,
        Duration slowStatementThreshold,
        boolean logEveryStatement) {

    /** Treats a blank schema or role ({@code ecommerce.schema=}) as unset. */
    public EcommerceProperties {
        if (schema != null && schema.isBlank()) {
            schema = null;
        }
        if (grantTo != null && grantTo.isBlank()) {
            grantTo = null;
        }
        if (migration == null) {
            migration = new Migration(null, null, null);
        }
    }

    /**
     * How the library's migrations connect ({@code ecommerce.migration.*}): for a service without
     * Spring Boot's Flyway, or one that migrates the library as another user than its own tables.
     * When {@code url} or {@code user} is set these settings are used and {@code spring.flyway.*}
     * is not; what is unset comes from the application's {@code DataSource}, as for Boot's Flyway.
     * The migrations then get a connection of their own, outside the pool, closed when they are done.
     *
     * @param url      JDBC URL of the database the library's migrations connect to. Unset: the application's
     *                 DataSource's URL.
     * @param user     User the library's migrations connect as: the owner of the library's schema. With it or the
     *                 URL set, spring.flyway.* is not used for the library.
     * @param password Password of the user the library's migrations connect as. Unset: the application's
     *                 DataSource's password.
     */
    public record Migration(String url, String user, String password) {

        /** Whether these settings say how to connect: a URL or a user. */
        boolean isSet() {
            return url != null && !url.isBlank() || user != null && !user.isBlank();
        }

        /** Leaves the password out, as it may be logged. */
        @Override
        public String toString() {
            return "Migration[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "******") + "]";
        }
    }
}
