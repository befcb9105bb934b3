package org.ecommerce.it.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
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
 *
 * <p>Two roles: the user of the URL (a superuser, or at least the owner of what it creates)
 * migrates the template; a login role created for this JVM, {@code ecommerce_it_app_<run>}, is
 * granted DML on it with {@link MigrationOptions#grantTo(String)}, and the clones keep those
 * grants. The role is dropped at the end of the run, after the databases that name it.
 */
final class PostgresServer {

    static final String URL_VARIABLE = "ECOMMERCE_TEST_PG_URL";
    static final String HOW_TO_PROVIDE = "No PostgreSQL server for the [PostgreSQL] tests. Either set "
            + URL_VARIABLE + " to a JDBC URL with credentials of a user allowed to CREATE DATABASE, e.g. "
            + URL_VARIABLE + "='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret', "
            + "or start a Docker engine so that Testcontainers can run postgres:15. "
            + "The PostgreSQL tests are never skipped.";

    static final String REPLICA_URL_VARIABLE = "ECOMMERCE_TEST_PG_REPLICA_URL";
    static final String HOW_TO_PROVIDE_REPLICA = "No streaming replica for the tests of replica reads. Start a hot "
            + "standby of the server of " + URL_VARIABLE + " (.ci/replica does, on 127.0.0.1:5440) and set "
            + REPLICA_URL_VARIABLE + " to a JDBC URL of it with credentials of a superuser, e.g. "
            + REPLICA_URL_VARIABLE + "='jdbc:postgresql://127.0.0.1:5440/postgres?user=postgres'. "
            + "These tests are never skipped.";

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static PostgresServer shared;

    private final String urlPrefix;
    private final String urlParameters;
    private final String adminDatabase;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final AtomicInteger counter = new AtomicInteger();
    private final String template;
    private final String applicationRole = "ecommerce_it_app_" + run;
    private final String applicationPassword = UUID.randomUUID().toString();
    private final AutoCloseable container;
    private final String adminUser;

    private PostgresServer(String adminUrl, AutoCloseable container) {
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException(URL_VARIABLE + " is not a jdbc:postgresql://host:port/database URL: " + adminUrl);
        }
        this.urlPrefix = m.group(1);
        this.urlParameters = m.group(3) == null ? "" : m.group(3);
        this.adminDatabase = m.group(2).isEmpty() ? "postgres" : m.group(2);
        this.container = container;
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "drop-ecommerce-it-databases"));
        this.adminUser = adminValue("SELECT current_user");
        // a password, so that the role logs in under password authentication as under trust
        admin("CREATE ROLE " + applicationRole + " LOGIN PASSWORD '" + applicationPassword + "'");
        this.template = createEmpty("template");
        EcommerceSchema.migrate(dataSource(template), MigrationOptions.defaults().grantTo(applicationRole));
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

    /**
     * The standby's JDBC URL prefix ({@code jdbc:postgresql://host:port/}) and its parameters, from
     * {@value #REPLICA_URL_VARIABLE}; fails with {@link #HOW_TO_PROVIDE_REPLICA} when it is not set.
     */
    private static Matcher replicaUrl() {
        String url = System.getenv(REPLICA_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(HOW_TO_PROVIDE_REPLICA);
        }
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalStateException(REPLICA_URL_VARIABLE + " is not a jdbc:postgresql://host:port/database URL: " + url);
        }
        return m;
    }

    /** Connections to {@code database} on the standby as its superuser (the replica's administrator). */
    DataSource replicaAdminDataSource(String database) {
        Matcher m = replicaUrl();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(m.group(1) + database + (m.group(3) == null ? "" : m.group(3)));
        return ds;
    }

    /**
     * Connections to {@code database} on the standby as the application role (roles replicate with
     * the rest), once the standby has replayed the database's creation (at most 30 s).
     */
    DataSource replicaApplicationDataSource(String database) {
        awaitOnReplica(database);
        List<String> parameters = parametersWithoutCredentials();
        parameters.add("user=" + applicationRole);
        parameters.add("password=" + applicationPassword);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(replicaUrlWithoutCredentials(database, parameters));
        return ds;
    }

    /**
     * The URL of {@code database} on the standby without credentials, once the standby has
     * replayed the database's creation (at most 30 s); connect as {@link #adminUser()}.
     */
    String replicaUrlWithoutCredentials(String database) {
        awaitOnReplica(database);
        return replicaUrlWithoutCredentials(database, parametersWithoutCredentials());
    }

    private static String replicaUrlWithoutCredentials(String database, List<String> parameters) {
        return replicaUrl().group(1) + database
                + (parameters.isEmpty() ? "" : parameters.stream().collect(Collectors.joining("&", "?", "")));
    }

    /** Waits until the standby has replayed the creation of {@code database} (at most 30 s). */
    private void awaitOnReplica(String database) {
        DataSource admin = replicaAdminDataSource(database);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Connection c = admin.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT pg_is_in_recovery() AS standby")) {
                rs.next();
                if (!rs.getBoolean("standby")) {
                    throw new IllegalStateException(REPLICA_URL_VARIABLE + " names a server that is not a standby. "
                            + HOW_TO_PROVIDE_REPLICA);
                }
                break;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replica has no database " + database + " after 30 s ("
                            + e.getMessage() + "): is it a standby of the server of " + URL_VARIABLE + "? "
                            + HOW_TO_PROVIDE_REPLICA, e);
                }
                sleep(20);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The login role of this JVM that the template grants DML to. */
    String applicationRole() {
        return applicationRole;
    }

    /** The URL of {@code database} with the application role's credentials instead of the administrator's. */
    private String applicationUrl(String database) {
        List<String> parameters = parametersWithoutCredentials();
        parameters.add("user=" + applicationRole);
        parameters.add("password=" + applicationPassword);
        return urlPrefix + database + parameters.stream().collect(Collectors.joining("&", "?", ""));
    }

    /**
     * The URL of {@code database} without credentials, for a client that passes the user and
     * password apart (the driver lets a URL's user win over the one passed apart).
     */
    String urlWithoutCredentials(String database) {
        List<String> parameters = parametersWithoutCredentials();
        return urlPrefix + database + (parameters.isEmpty() ? "" : parameters.stream().collect(Collectors.joining("&", "?", "")));
    }

    /** The administrator, who owns what it migrates: the URL's user, else the driver's default one. */
    String adminUser() {
        return adminUser;
    }

    /** The administrator's password from the URL, or null if it has none there (trust, or a password file). */
    String adminPassword() {
        return credential("password=");
    }

    /** The application role's password. */
    String applicationPassword() {
        return applicationPassword;
    }

    private List<String> parametersWithoutCredentials() {
        List<String> parameters = new ArrayList<>();
        if (!urlParameters.isEmpty()) {
            Arrays.stream(urlParameters.substring(1).split("&"))
                    .filter(p -> !p.startsWith("user=") && !p.startsWith("password=") && !p.isEmpty())
                    .forEach(parameters::add);
        }
        return parameters;
    }

    private String credential(String prefix) {
        if (urlParameters.isEmpty()) {
            return null;
        }
        return Arrays.stream(urlParameters.substring(1).split("&")).filter(p -> p.startsWith(prefix))
                .map(p -> URLDecoder.decode(p.substring(prefix.length()), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    /** Connections to {@code database} as the application role. */
    DataSource applicationDataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(applicationUrl(database));
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

    private String adminValue(String sql) {
        try (Connection c = DriverManager.getConnection(url(adminDatabase)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused \"" + sql + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Drops every database of this run still there (the template, and any a test run left), then
     * the application role, which cannot go while a database grants it rights.
     */
    private void dropAll() {
        try {
            List<String> left = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url(adminDatabase));
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT datname FROM pg_database WHERE datname LIKE 'ecommerce\\_it\\_" + run + "\\_%'")) {
                while (rs.next()) {
                    left.add(rs.getString(1));
                }
            }
            left.forEach(this::drop);
            admin("DROP ROLE IF EXISTS " + applicationRole);
            if (container != null) {
                container.close();
            }
        } catch (Exception e) {
            System.err.println("could not clean up the test databases and role: " + e.getMessage());
        }
    }
}
