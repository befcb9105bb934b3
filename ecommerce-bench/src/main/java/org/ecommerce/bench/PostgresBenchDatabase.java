package org.ecommerce.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.schema.Engine;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A dedicated PostgreSQL database ({@value #ORDERS}, {@value #ANALYTICS} or {@value #IMPORT}), created (after
 * dropping a leftover of an earlier run) through a maintenance URL on the same server and dropped
 * at the end; or, when kept, created only if missing and left in place for the next run.
 */
final class PostgresBenchDatabase implements BenchDatabase {

    /** Benchmarks 1, 2 and 5: the order data set. */
    static final String ORDERS = "ecommerce_bench";
    /** Benchmark 3: the large analytics data set. */
    static final String ANALYTICS = "ecommerce_bench_analytics";
    /** Benchmark 4: the order data set's customers and products, interactions imported into it. */
    static final String IMPORT = "ecommerce_bench_import";

    private final String name;
    private final String maintenanceUrl;
    private final String url;
    private final URI address;
    private final boolean keep;

    /** @param maintenanceUrl a JDBC URL of any existing database on the server, such as {@code postgres} */
    PostgresBenchDatabase(String maintenanceUrl, String name) throws SQLException {
        this(maintenanceUrl, name, false);
    }

    /**
     * @param keep leave the database in place at the end and reuse one that exists (a large data
     *             set then loads once for several runs)
     */
    PostgresBenchDatabase(String maintenanceUrl, String name, boolean keep) throws SQLException {
        if (!name.matches("ecommerce_bench\\w*")) {
            // the benchmark drops and creates this database: never one it did not name itself
            throw new IllegalArgumentException("a benchmark database name must start with ecommerce_bench: " + name);
        }
        this.name = name;
        this.keep = keep;
        this.maintenanceUrl = maintenanceUrl;
        this.address = URI.create(maintenanceUrl.substring("jdbc:".length()));
        this.url = "jdbc:postgresql://" + address.getRawAuthority() + "/" + name
                + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery());
        if (!keep) {
            maintenance("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        if (!keep || !exists()) {
            maintenance("CREATE DATABASE " + name);
        }
    }

    private boolean exists() throws SQLException {
        try (Connection c = DriverManager.getConnection(maintenanceUrl);
             var s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (var rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public DataSource setupDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setReWriteBatchedInserts(true); // the loader's batches become multi-row INSERTs
        return dataSource;
    }

    /** Host, port, user and password, for libpq clients such as pgbench. */
    Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", address.getHost());
        env.put("PGPORT", Integer.toString(address.getPort() < 0 ? 5432 : address.getPort()));
        env.put("PGDATABASE", name);
        if (address.getRawQuery() != null) {
            for (String pair : address.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    env.put("PGUSER", kv[1]);
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    env.put("PGPASSWORD", kv[1]);
                }
            }
        }
        return env;
    }

    @Override
    public void close() throws SQLException {
        if (keep) {
            return;
        }
        maintenance("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void maintenance(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(maintenanceUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
