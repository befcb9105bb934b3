package org.ecommerce.it.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The isolation levels a service's pool may set on its connections, all three of which the rules
 * must survive. {@link #of(DataSource)} gives a data source whose every connection starts at the level.
 */
public enum IsolationLevel {
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    IsolationLevel(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /** Sets this level on {@code connection} and returns it. */
    public Connection set(Connection connection) throws SQLException {
        connection.setTransactionIsolation(jdbcLevel);
        return connection;
    }

    /** {@code dataSource} with every connection at this level, as a pool configured with it hands them out. */
    public DataSource of(DataSource dataSource) {
        IsolationLevel level = this;
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return level.set(dataSource.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return level.set(dataSource.getConnection(username, password));
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return dataSource.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                dataSource.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                dataSource.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return dataSource.getLoginTimeout();
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                return dataSource.getParentLogger();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return dataSource.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return dataSource.isWrapperFor(type);
            }
        };
    }
}
