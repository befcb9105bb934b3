package org.ecommerce.it.recommendation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * A data source that hands out one open connection again and again (closing it is a no-op), and
 * records the SQL prepared on it with the values bound. The test databases have no pool, and a new
 * PostgreSQL connection per repository call would dominate what the evaluation and the plans measure.
 * Single-threaded use only.
 */
final class OneConnection implements AutoCloseable {

    /** A statement the library prepared, with its bound values by position. */
    record Statement(String sql, Map<Integer, Object> values) {
    }

    private final Connection connection;
    private final List<Statement> recorded = new ArrayList<>();
    private boolean recording;

    OneConnection(DataSource target) throws SQLException {
        this.connection = target.getConnection();
    }

    /** The data source to give the library. */
    DataSource dataSource() {
        Connection shared = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    Object result = invoke(connection, method, args);
                    if (recording && result instanceof PreparedStatement ps && args != null && args[0] instanceof String sql) {
                        return recordingStatement(ps, sql);
                    }
                    return result;
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> shared;
                    case "unwrap" -> null;
                    case "isWrapperFor" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Starts recording the prepared statements, forgetting earlier ones. */
    void record() {
        recorded.clear();
        recording = true;
    }

    /** The statements prepared since {@link #record()}, and stops recording. */
    List<Statement> recorded() {
        recording = false;
        return List.copyOf(recorded);
    }

    /** The underlying connection. */
    Connection connection() {
        return connection;
    }

    private PreparedStatement recordingStatement(PreparedStatement target, String sql) {
        Map<Integer, Object> values = new TreeMap<>();
        recorded.add(new Statement(sql, values));
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                        values.put(index, args[1]);
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
