package org.ecommerce.it.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A freshly migrated database of one engine, owned by one run of one test class.
 *
 * <p>H2: a private in-memory database. PostgreSQL: a database cloned from a migrated template on
 * the server of {@link PostgresServer}, dropped when the run ends; nothing else on the server is touched.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger H2_COUNTER = new AtomicInteger();

    private final Engine engine;
    private final DataSource dataSource;
    private final String url;
    private final Runnable dropper;
    private final List<Runnable> extraDroppers = new ArrayList<>();

    private TestDatabase(Engine engine, DataSource dataSource, String url, Runnable dropper) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.url = url;
        this.dropper = dropper;
    }

    static TestDatabase create(Engine engine, String owner) {
        return switch (engine) {
            case H2 -> {
                TestDatabase db = emptyH2(owner);
                EcommerceSchema.migrate(db.dataSource);
                yield db;
            }
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.cloneTemplate(owner);
                yield new TestDatabase(engine, server.dataSource(name), server.url(name), () -> server.drop(name));
            }
        };
    }

    /**
     * A migrated in-memory H2 database for a tool outside the both-engines runs (e.g. the
     * recommendation tuning run); close it when done.
     */
    public static TestDatabase migratedH2(String owner) {
        return create(Engine.H2, owner);
    }

    private static TestDatabase emptyH2(String owner) {
        String url = "jdbc:h2:mem:" + owner.toLowerCase() + "_" + H2_COUNTER.incrementAndGet() + ";"
                + EcommerceSchema.H2_URL_SETTINGS + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new TestDatabase(Engine.H2, ds, url, () -> {
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot shut down " + url, e);
            }
        });
    }

    /** The engine of this database. */
    public Engine engine() {
        return engine;
    }

    /** A data source for this database (no pool: each call opens a connection). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL of this database, credentials included. */
    public String url() {
        return url;
    }

    /** Opens a new connection (auto-commit on). */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Creates another database of the same engine with no tables at all (not even Flyway's),
     * dropped together with this one. For tests of the migrations themselves.
     */
    public DataSource newEmptyDatabase(String purpose) {
        return newEmpty(purpose).dataSource;
    }

    /**
     * Like {@link #newEmptyDatabase}, but gives the database's JDBC URL (credentials included; on
     * H2 the user is the default {@code sa}), for code that connects by URL such as the command line.
     */
    public String newEmptyDatabaseUrl(String purpose) {
        return newEmpty(purpose).url;
    }

    private TestDatabase newEmpty(String purpose) {
        TestDatabase empty = switch (engine) {
            case H2 -> emptyH2(purpose);
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                String name = server.createEmpty(purpose);
                yield new TestDatabase(engine, server.dataSource(name), server.url(name), () -> server.drop(name));
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
        return engine.displayName() + " " + url;
    }
}
