package org.ecommerce.bench;

import java.io.IOException;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.ecommerce.schema.Engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A database created for one benchmark run and removed after it; other databases are never touched. */
interface BenchDatabase extends AutoCloseable {

    /** The engine behind it. */
    Engine engine();

    /** Its JDBC URL, credentials included. */
    String jdbcUrl();

    /** A data source for setting it up (migration, loading). */
    DataSource setupDataSource();

    /** Removes the database. */
    @Override
    void close() throws SQLException, IOException;

    /** A pool of exactly {@code size} connections, opened up front so no client waits for one. */
    default HikariDataSource pool(int size) {
        return pool(size, null);
    }

    /** As {@link #pool(int)}, each connection running {@code initSql} (if not null) when it opens. */
    default HikariDataSource pool(int size, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setPoolName("bench-" + size);
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }
}
