package org.ecommerce.it.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A freshly migrated database of one engine, owned by one run of one test class, with two roles:
 * the owner, who migrated it, and the application role, granted DML on the library's tables only
 * ({@link MigrationOptions#grantTo(String)}).
 *
 * <p>Tests use the application role ({@link #dataSource()}, {@link #connect()}), as a service in
 * production does, so that they prove the library and the rules need nothing more. Tests of the
 * schema itself, and tests that create tables of their own, use the owner.
 *
 * <p>H2: a private in-memory database, migrated by {@code sa}, with a user created for the
 * application. PostgreSQL: a database cloned from a template that the server's superuser migrated
 * with grants to a login role of this test JVM (see {@link PostgresServer}), dropped when the run
 * ends; nothing else on the server is touched.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger H2_COUNTER = new AtomicInteger();
    /** Each H2 database has users of its own, so one name serves them all. */
    private static final String H2_APPLICATION_USER = "ecommerce_app";

    private final Engine engine;
    private final Endpoint owner;
    private final DataSource application;
    private final String applicationRole;
    private final Runnable dropper;
    private final String name;
    private final List<Runnable> extraDroppers = new ArrayList<>();

    /** How to connect as one role. */
    private record Endpoint(DataSource dataSource, String url) {
    }

    private TestDatabase(Engine engine, Endpoint owner, DataSource application, String applicationRole, Runnable dropper) {
        this(engine, owner, application, applicationRole, dropper, null);
    }

    private TestDatabase(Engine engine, Endpoint owner, DataSource application, String applicationRole, Runnable dropper,
                         String name) {
        this.name = name;
        this.engine = engine;
        this.owner = owner;
        this.application = application;
        this.applicationRole = applicationRole;
        this.dropper = dropper;
    }

    static TestDatabase create(Engine engine, String purpose) {
        return switch (engine) {
            case H2 -> migratedH2(purpose);
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.cloneTemplate(purpose);
                yield new TestDatabase(engine, new Endpoint(server.dataSource(name), server.url(name)),
                        server.applicationDataSource(name),
                        server.applicationRole(), () -> server.drop(name), name);
            }
        };
    }

    /**
     * A migrated in-memory H2 database for a tool outside the both-engines runs (e.g. the
     * recommendation tuning run); close it when done.
     */
    public static TestDatabase migratedH2(String purpose) {
        TestDatabase empty = emptyH2(purpose);
        String password = UUID.randomUUID().toString();
        try (Connection c = empty.owner.dataSource().getConnection()) {
            c.createStatement().execute("CREATE USER " + H2_APPLICATION_USER + " PASSWORD '" + password + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the application user in " + empty.owner.url(), e);
        }
        EcommerceSchema.migrate(empty.owner.dataSource(), MigrationOptions.defaults().grantTo(H2_APPLICATION_USER));
        // DB_CLOSE_DELAY is the owner's to set (H2 wants admin rights for it); the database is open by now
        String url = empty.owner.url().replace(";DB_CLOSE_DELAY=-1", "");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser(H2_APPLICATION_USER);
        ds.setPassword(password);
        return new TestDatabase(Engine.H2, empty.owner, ds, H2_APPLICATION_USER, empty.dropper);
    }

    private static TestDatabase emptyH2(String purpose) {
        String url = "jdbc:h2:mem:" + purpose.toLowerCase() + "_" + H2_COUNTER.incrementAndGet() + ";"
                + EcommerceSchema.H2_URL_SETTINGS + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new TestDatabase(Engine.H2, new Endpoint(ds, url), null, null, () -> {
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot shut down " + url, e);
            }
        });
    }

    /** A data source for a JDBC URL with its credentials, as the command line is given one (H2: user sa). */
    public static DataSource forUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser("sa");
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        return pg;
    }

    /** The engine of this database. */
    public Engine engine() {
        return engine;
    }

    /**
     * A data source connecting as the application role: SELECT, INSERT, UPDATE and DELETE on the
     * library's tables, SELECT on its history table, nothing else (no pool: each call opens a
     * connection).
     */
    public DataSource dataSource() {
        return application;
    }

    /**
     * This database on a read replica, as the application role. PostgreSQL: the same database on
     * the hot standby of {@code ECOMMERCE_TEST_PG_REPLICA_URL}, once it has replayed the database's
     * creation; without that variable, or when it names no standby, the call fails and says how to
     * start one (never a skip). H2, which has no replicas: this database itself.
     */
    public DataSource replicaDataSource() {
        return switch (engine) {
            case H2 -> application;
            case POSTGRESQL -> PostgresServer.shared().replicaApplicationDataSource(name);
        };
    }

    /**
     * This database on the read replica as its superuser, who may pause and resume the replay of
     * the primary's log ({@code pg_wal_replay_pause()}). PostgreSQL only.
     */
    public DataSource replicaOwnerDataSource() {
        if (engine != Engine.POSTGRESQL) {
            throw new IllegalStateException("H2 has no replicas");
        }
        return PostgresServer.shared().replicaAdminDataSource(name);
    }

    /** Opens a new connection as the application role (auto-commit on). */
    public Connection connect() throws SQLException {
        return application.getConnection();
    }

    /** The name of the application role, e.g. for a test that grants it rights on a table of its own. */
    public String applicationRole() {
        return applicationRole;
    }

    /**
     * A data source connecting as the owner of the schema (PostgreSQL: the server's superuser;
     * H2: {@code sa}), who may change the schema: for tests of the schema, and tests that create
     * tables of their own.
     */
    public DataSource ownerDataSource() {
        return owner.dataSource();
    }

    /** Opens a new connection as the owner (auto-commit on). */
    public Connection ownerConnect() throws SQLException {
        return owner.dataSource().getConnection();
    }

    /**
     * The JDBC URL of the owner, credentials included (on H2 the user is the default {@code sa},
     * which the command line assumes): for the command line, whose {@code migrate}, {@code import},
     * {@code generate} and {@code demo} change the schema or its sequences.
     */
    public String ownerUrl() {
        return owner.url();
    }

    /**
     * Creates another database of the same engine with no tables at all (not even Flyway's),
     * dropped together with this one; its data source connects as the owner. For tests of the
     * migrations themselves.
     */
    public DataSource newEmptyDatabase(String purpose) {
        return newEmpty(purpose).owner.dataSource();
    }

    /**
     * Like {@link #newEmptyDatabase}, but gives the database's JDBC URL (credentials included; on
     * H2 the user is the default {@code sa}), for code that connects by URL such as the command line.
     */
    public String newEmptyDatabaseUrl(String purpose) {
        return newEmpty(purpose).owner.url();
    }

    /** How one role connects: a JDBC URL without credentials, the user, and the password (null: none given). */
    public record Login(String url, String user, String password) {
    }

    /**
     * A database with no tables at all and both roles of a service that connects as one and
     * migrates as the other: {@code owner} may change the schema (PostgreSQL: the server's
     * superuser; H2: {@code sa}), {@code application} exists but has no rights yet.
     */
    public record TwoRoles(Login owner, Login application) {
    }

    /**
     * Creates another database of the same engine with no tables at all, dropped together with
     * this one, where the application role exists, as an operator prepares one for a service with
     * two roles: on H2 the application user is created in it; on PostgreSQL, whose roles are the
     * server's, it is this JVM's application role ({@link #applicationRole()}).
     */
    public TwoRoles newEmptyDatabaseWithApplicationRole(String purpose) {
        return switch (engine) {
            case H2 -> {
                TestDatabase empty = newEmpty(purpose);
                String password = UUID.randomUUID().toString();
                try (Connection c = empty.owner.dataSource().getConnection()) {
                    c.createStatement().execute("CREATE USER " + H2_APPLICATION_USER + " PASSWORD '" + password + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create the application user in " + empty.owner.url(), e);
                }
                // DB_CLOSE_DELAY is the owner's to set (H2 wants admin rights for it); the database is open by now
                yield new TwoRoles(new Login(empty.owner.url(), "sa", ""),
                        new Login(empty.owner.url().replace(";DB_CLOSE_DELAY=-1", ""), H2_APPLICATION_USER, password));
            }
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.createEmpty(purpose);
                extraDroppers.add(() -> server.drop(name));
                String url = server.urlWithoutCredentials(name);
                yield new TwoRoles(new Login(url, server.adminUser(), server.adminPassword()),
                        new Login(url, server.applicationRole(), server.applicationPassword()));
            }
        };
    }

    /**
     * A database with no tables at all, dropped with this one, and how to reach it on a read
     * replica: {@code owner} connects to the database, {@code replica} to the same database on the
     * hot standby of {@code ECOMMERCE_TEST_PG_REPLICA_URL} (PostgreSQL, once the standby has
     * replayed its creation; without a standby the call fails and says how to start one), or to the
     * database itself (H2, which has no replicas). {@code replicaOwner} may pause the standby's
     * replay (PostgreSQL; null on H2).
     */
    public record Replicated(Login owner, Login replica, DataSource replicaOwner) {
    }

    /** Creates a database with no tables at all and gives it with its read replica ({@link Replicated}). */
    public Replicated newEmptyDatabaseWithReplica(String purpose) {
        return switch (engine) {
            case H2 -> {
                Login owner = new Login(newEmpty(purpose).owner.url(), "sa", "");
                yield new Replicated(owner, owner, null);
            }
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.createEmpty(purpose);
                extraDroppers.add(() -> server.drop(name));
                Login owner = new Login(server.urlWithoutCredentials(name), server.adminUser(), server.adminPassword());
                Login replica = new Login(server.replicaUrlWithoutCredentials(name), server.adminUser(), server.adminPassword());
                yield new Replicated(owner, replica, server.replicaAdminDataSource(name));
            }
        };
    }

    private TestDatabase newEmpty(String purpose) {
        TestDatabase empty = switch (engine) {
            case H2 -> emptyH2(purpose);
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.createEmpty(purpose);
                yield new TestDatabase(engine, new Endpoint(server.dataSource(name), server.url(name)), null, null,
                        () -> server.drop(name));
            }
        };
        extraDroppers.add(empty.dropper);
        return empty;
    }

    @Override
    public void close() {
        extraDroppers.forEach(Runnable::run);
        dropper.run();
    }

    @Override
    public String toString() {
        return engine.displayName() + " " + owner.url();
    }
}
