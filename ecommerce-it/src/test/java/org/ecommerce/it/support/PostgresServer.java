package org.ecommerce.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run on, one per test JVM.
 *
 * <p>Where it comes from: {@code ECOMMERCE_TEST_PG_URL} (a JDBC URL of any database on the server,
 * with credentials of a user who may CREATE DATABASE); otherwise a Testcontainers container when a
 * Docker engine runs; otherwise every PostgreSQL test fails with {@link #HOW_TO_PROVIDE}.
 *
 * <p>The schema is migrated once into a template database; each test class run gets a clone
 * ({@code CREATE DATABASE ... TEMPLATE}, a file copy: much faster than migrating again). Every
 * database it creates is named {@code ecommerce_it_<run>_...} and dropped at the end of the run.
 */
final class PostgresServer {

    static final String URL_VARIABLE = "ECOMMERCE_TEST_PG_URL";
    static final String HOW_TO_PROVIDE = "No PostgreSQL server for the [PostgreSQL] tests. Either set "
            + URL_VARIABLE + " to a JDBC URL with credentials of a user allowed to CREATE DATABASE, e.g. "
            + URL_VARIABLE + "='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret', "
            + "or start a Docker engine so that Testcontainers can run postgres:15. "
            + "The PostgreSQL tests are never skipped.";

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static PostgresServer shared;

    private final String urlPrefix;
    private final String urlParameters;
    private final String adminDatabase;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final AtomicInteger counter = new AtomicInteger();
    private final String template;
    private final AutoCloseable container;

    private PostgresServer(String adminUrl, AutoCloseable container) {
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException(URL_VARIABLE + " is not a jdbc:postgresql://host:port/database URL: " + adminUrl);
        }
        this.urlPrefix = m.group(1);
        this.urlParameters = m.group(3) == null ? "" : m.group(3);
        this.adminDatabase = m.group(2).isEmpty() ? "postgres" : m.group(2);
        this.container = container;
        this.template = createEmpty("template");
        EcommerceSchema.migrate(dataSource(template));
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-ecommerce-it-databases"));
    }

    /** The server for this JVM, started or connected on first use. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static PostgresServer start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url.trim(), null);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            String adminUrl = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword();
            return new PostgresServer(adminUrl, container);
        }
        throw new IllegalStateException(HOW_TO_PROVIDE);
    }

    String url(String database) {
        return urlPrefix + database + urlParameters;
    }

    DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(database));
        return ds;
    }

    /** Creates an empty database and returns its name. */
    String createEmpty(String purpose) {
        String name = newName(purpose);
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Creates a database holding the migrated schema and returns its name. */
    String cloneTemplate(String purpose) {
        String name = newName(purpose);
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    void drop(String database) {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private String newName(String purpose) {
        String cleaned = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "ecommerce_it_" + run + "_" + counter.incrementAndGet() + "_" + cleaned;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url(adminDatabase)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused \"" + sql + "\": " + e.getMessage(), e);
        }
    }

    private void dropAll() {
        try {
            drop(template);
            if (container != null) {
                container.close();
            }
        } catch (Exception e) {
            System.err.println("could not clean up the test template database: " + e.getMessage());
        }
    }
}
