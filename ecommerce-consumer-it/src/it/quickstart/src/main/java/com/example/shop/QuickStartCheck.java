package com.example.shop;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.ecommerce.dao.order.Order;
import org.ecommerce.schema.EcommerceSchema;

/**
 * Runs the README's quick start as a new user does: {@link QuickStart#main} on its in-memory H2
 * database, then {@link QuickStart#run} on a new database of the PostgreSQL server that
 * {@code ECOMMERCE_TEST_PG_URL} names (created here, dropped afterwards). The argument says how the
 * build launched it, {@code class-path} or {@code module-path}, and is checked against the running
 * JVM: on the module path the library must be its explicit modules, not automatic ones.
 */
public final class QuickStartCheck {

    private static final String PG_URL_VARIABLE = "ECOMMERCE_TEST_PG_URL";
    private static final Pattern PG_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    /** Kept reachable: java.util.logging holds loggers weakly. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    private QuickStartCheck() {
    }

    public static void main(String[] args) throws SQLException {
        String launchedOn = args[0];
        checkLaunchedOn(launchedOn);
        String pgUrl = System.getenv(PG_URL_VARIABLE);
        if (pgUrl == null || pgUrl.isBlank()) {
            throw new IllegalStateException("No PostgreSQL server for the consumer check: set " + PG_URL_VARIABLE
                    + " to a JDBC URL with credentials of a user allowed to CREATE DATABASE, e.g. " + PG_URL_VARIABLE
                    + "='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'. This check is never skipped.");
        }
        FLYWAY.setLevel(Level.WARNING); // one line per migration and run is too many for the build's log

        QuickStart.main(new String[0]);
        System.out.println("consumer check: the quick start ran on H2 on the " + launchedOn);

        Matcher url = PG_URL.matcher(pgUrl.trim());
        if (!url.matches()) {
            throw new IllegalStateException(PG_URL_VARIABLE + " is not a jdbc:postgresql://host:port/database URL: " + pgUrl);
        }
        String database = "ecommerce_consumer_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                + "_" + launchedOn.replace('-', '_').toLowerCase(Locale.ROOT);
        String admin = url.group(0);
        execute(admin, "CREATE DATABASE " + database);
        try {
            Order order = QuickStart.run(new UrlDataSource(url.group(1) + database + (url.group(3) == null ? "" : url.group(3))));
            if (order.lines().size() != 1 || order.lines().get(0).quantity() != 2) {
                throw new IllegalStateException("the quick start's order on PostgreSQL is not two claw hammers: " + order);
            }
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.out.println("consumer check: the quick start ran on PostgreSQL on the " + launchedOn);
    }

    private static void checkLaunchedOn(String launchedOn) {
        Module library = EcommerceSchema.class.getModule();
        boolean ok = switch (launchedOn) {
            case "class-path" -> !QuickStartCheck.class.getModule().isNamed() && !library.isNamed();
            case "module-path" -> QuickStartCheck.class.getModule().getName().equals("com.example.shop")
                    && library.getName().equals("org.ecommerce.schema") && !library.getDescriptor().isAutomatic();
            default -> throw new IllegalArgumentException("class-path or module-path, not " + launchedOn);
        };
        if (!ok) {
            throw new IllegalStateException("launched as " + launchedOn + ", but this check runs in " + QuickStartCheck.class.getModule()
                    + " and the library in " + library);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Connections from {@link DriverManager}: the quick start wants a {@code DataSource}, and this check no driver's classes. */
    private record UrlDataSource(String url) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
