package org.ecommerce.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A data source of one connection to a new server session, opened before a timed call and closed
 * after it, both outside the timing: the contender starts from the state in which each of psql's
 * runs starts (a new session, its connection time not counted).
 *
 * <p>Why not the pooled connection: a PostgreSQL session that has JIT-compiled one query runs later
 * queries slower, even those too cheap to be compiled. Measured with psql alone on the analytics
 * data set (2026-11-22): question 4 took 125–133 ms in a new session and 140–148 ms in a session
 * that had run question 2 before it (JIT on); with question 2 run under {@code jit = off}, no
 * difference. A pooled connection that served question 2 charged that to every later question.
 */
final class FreshSession implements AutoCloseable {

    private final Connection connection;
    private final DataSource dataSource;

    /** A new session opened through {@code opener}. */
    FreshSession(DataSource opener) throws SQLException {
        connection = opener.getConnection();
        // closing what getConnection() handed out is part of the call being timed; ending the
        // session is not (psql's \timing does not count it either)
        Connection kept = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : call(method, connection, args));
        dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A data source whose every {@code getConnection()} is this session. */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
