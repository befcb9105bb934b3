package org.ecommerce.spring;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Where the library's migrations connect: a URL or a user of their own (or of Spring Boot's
 * Flyway) gives them a connection of their own, and what is left unset comes from the
 * application's {@code DataSource}, the URL, the user and the password each.
 *
 * @param url      JDBC URL, or null for the application's
 * @param user     user, or null for the application's
 * @param password password, or null for the application's
 * @param prefix   the properties these came from ({@code ecommerce.migration}, {@code spring.flyway}),
 *                 or null: none, the migrations run on the application's {@code DataSource}
 */
record MigrationConnection(String url, String user, String password, String prefix) {

    static final String OWN_PREFIX = "ecommerce.migration";
    static final String FLYWAY_PREFIX = "spring.flyway";

    /** On the application's {@code DataSource}. */
    static final MigrationConnection APPLICATIONS = new MigrationConnection(null, null, null, null);

    /**
     * The library's own settings when they name a URL or user, else Spring Boot's Flyway's
     * ({@code spring.flyway.url}, {@code .user}, {@code .password}) when those do, else the
     * application's {@code DataSource}.
     */
    static MigrationConnection of(EcommerceProperties.Migration own, Environment environment) {
        if (own.isSet()) {
            return new MigrationConnection(blankToNull(own.url()), blankToNull(own.user()), own.password(), OWN_PREFIX);
        }
        // read as strings, not through Boot's FlywayProperties, whose package differs between Boot 3 and 4
        Binder binder = Binder.get(environment);
        String url = blankToNull(binder.bind(FLYWAY_PREFIX + ".url", String.class).orElse(null));
        String user = blankToNull(binder.bind(FLYWAY_PREFIX + ".user", String.class).orElse(null));
        if (url == null && user == null) {
            return APPLICATIONS;
        }
        return new MigrationConnection(url, user, binder.bind(FLYWAY_PREFIX + ".password", String.class).orElse(null),
                FLYWAY_PREFIX);
    }

    /** Whether the migrations run on the application's {@code DataSource}. */
    boolean isApplications() {
        return prefix == null;
    }

    /**
     * The data source of the migrations: {@code application} itself, or a data source without a
     * pool (each connection is opened for the migrations and closed after them) with this URL,
     * user and password, each one that is not set taken from {@code application}, and the driver
     * of this URL. {@code DataSourceBuilder} and {@code DatabaseDriver} have the same names and
     * methods in Boot 3 (spring-boot) and Boot 4 (spring-boot-jdbc, which a Boot 4 service with an
     * auto-configured DataSource has).
     */
    DataSource dataSource(DataSource application) {
        if (isApplications()) {
            return application;
        }
        // what is not set comes from the application's pool: its user and password for another URL too
        DataSourceBuilder<?> builder = DataSourceBuilder.derivedFrom(application).type(SimpleDriverDataSource.class);
        if (url != null) {
            builder.url(url);
            // the pool's driver may be a wrapper (tracing, p6spy) that does not take this URL
            String driver = DatabaseDriver.fromJdbcUrl(url).getDriverClassName();
            if (driver != null) {
                builder.driverClassName(driver);
            }
        }
        if (user != null) {
            builder.username(user);
        }
        if (password != null) {
            builder.password(password);
        }
        return builder.build();
    }

    /** How the report of a failure names this connection. */
    String description() {
        return isApplications() ? "on the application's DataSource" : "with " + prefix + ".url/user/password";
    }

    /** Leaves the password out, as it may be logged. */
    @Override
    public String toString() {
        return isApplications() ? "MigrationConnection[application's DataSource]"
                : "MigrationConnection[" + prefix + ", url=" + url + ", user=" + user + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
