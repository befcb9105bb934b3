package org.ecommerce.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

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
 * @param migrateFirst           Whether they run before the application's Flyway or Liquibase migrations rather than
 *                               after them, so that the application's migrations may refer to the library's tables
 *                               on a new database. With Flyway, give the library a schema of its own
 *                               ({@code schema}) or Flyway {@code baseline-on-migrate=true} with
 *                               {@code baseline-version=0}: Flyway refuses to start its history in a schema that
 *                               already holds tables.
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
 *                               rounded up to whole seconds; a bare number is seconds
 *                               ({@code 30}, {@code 30s}, {@code 500ms}). Unset: no limit.
 * @param slowStatementThreshold Statements of the library at least this slow are logged at WARN; a bare number is
 *                               milliseconds. Unset: none.
 * @param logEveryStatement      Whether every statement of the library is logged at DEBUG.
 * @param readReplica            A hot standby of the database for the library's reads that may be a little behind.
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(
        String schema,
        @DefaultValue("ecommerce_schema_history") String historyTable,
        @DefaultValue("true") boolean createSchema,
        @DefaultValue("true") boolean migrateOnStart,
        boolean migrateFirst,
        String grantTo,
        Migration migration,
        @DefaultValue("5") int maxRetries,
        @DurationUnit(ChronoUnit.SECONDS) Duration statementTimeout,
        Duration slowStatementThreshold,
        boolean logEveryStatement,
        ReadReplica readReplica) {

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
        if (readReplica == null) {
            readReplica = new ReadReplica(null, null, null, ReadReplica.DEFAULT_MAX_LAG, ReadReplica.DEFAULT_CATCH_UP_TIMEOUT,
                    ReadReplica.DEFAULT_POOL_SIZE, ReadReplica.DEFAULT_CONNECT_TIMEOUT);
        }
    }

    /**
     * How the library's migrations connect ({@code ecommerce.migration.*}): for a service without
     * Spring Boot's Flyway, or one that migrates the library as another user than its own tables.
     * When {@code url} or {@code user} is set these settings are used and {@code spring.flyway.*}
     * is not; what is unset comes from the application's {@code DataSource}, the password too
     * when only the URL is set.
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

    /**
     * A read replica of the library ({@code ecommerce.read-replica.*}): a PostgreSQL hot standby of
     * the application's database, to which the library sends its reads that may be a little behind
     * (query objects, recommendations, catalogue browsing), while writes and transactions stay on
     * the application's {@code DataSource}. Set by {@code url}: the library then connects to the
     * replica through a small pool of its own (HikariCP, read-only, at most {@code pool-size}
     * connections), closed with the application. The replica is not a {@code DataSource} bean, so
     * Spring Boot's own pool and transaction manager keep to the application's database. On H2,
     * which has no replicas, the URL must name the application's own database; another one fails
     * the start.
     *
     * <pre>
     * ecommerce.read-replica.url=jdbc:postgresql://standby:5432/shop
     * ecommerce.read-replica.username=shop_app
     * ecommerce.read-replica.password=...
     * ecommerce.read-replica.max-lag=5s
     * </pre>
     *
     * @param url            JDBC URL of the read replica. Unset: the library reads only the application's DataSource.
     * @param username       User the library connects to the read replica as. Unset: the application's
     *                       DataSource's user.
     * @param password       Password of that user. Unset: the application's DataSource's password, when the user is
     *                       also the application's.
     * @param maxLag         How far the read replica may be behind and still serve reads; further behind, reads go to
     *                       the application's DataSource.
     * @param catchUpTimeout How long a read that must show the caller's own writes (readYourWrites, readingAfter)
     *                       waits for the read replica to replay them before it reads the application's DataSource.
     * @param poolSize       Most connections of the library's pool of the read replica.
     * @param connectTimeout How long a read waits for a connection of the read replica's pool before it reads the
     *                       application's DataSource instead (at least 250 ms); a replica that could not be reached
     *                       is then left alone for 5 s, one whose pool was only busy is tried again by the next read.
     */
    public record ReadReplica(String url, String username, String password,
                              @DefaultValue("5s") Duration maxLag,
                              @DefaultValue("1s") Duration catchUpTimeout,
                              @DefaultValue("4") int poolSize,
                              @DefaultValue("1s") Duration connectTimeout) {

        static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(5);
        static final Duration DEFAULT_CATCH_UP_TIMEOUT = Duration.ofSeconds(1);
        static final int DEFAULT_POOL_SIZE = 4;
        static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

        /** Treats a blank URL or user as unset. */
        public ReadReplica {
            if (poolSize < 1) {
                throw new IllegalArgumentException("ecommerce.read-replica.pool-size must be at least 1, not " + poolSize);
            }
            if (connectTimeout != null && connectTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("ecommerce.read-replica.connect-timeout must be at least 250ms, not "
                        + connectTimeout);
            }
            if (url != null && url.isBlank()) {
                url = null;
            }
            if (username != null && username.isBlank()) {
                username = null;
            }
        }

        /** Whether a read replica is configured: its URL is set. */
        boolean isSet() {
            return url != null;
        }

        /** Leaves the password out, as it may be logged. */
        @Override
        public String toString() {
            return "ReadReplica[url=" + url + ", username=" + username + ", password="
                    + (password == null ? null : "******") + ", maxLag=" + maxLag + ", catchUpTimeout=" + catchUpTimeout
                    + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
        }
    }
}
