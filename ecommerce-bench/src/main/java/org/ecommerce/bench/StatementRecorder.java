package org.ecommerce.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * A data source that writes down what reaches the driver: every SQL text prepared or executed and
 * every transaction call. Comparing the records of the library and of the JDBC twin for the same
 * order proves that the twin issues exactly the library's statements.
 */
final class StatementRecorder {

    private static final Set<String> TRANSACTION_CALLS = Set.of("setAutoCommit", "commit", "rollback", "setSavepoint",
            "releaseSavepoint", "setTransactionIsolation");

    private StatementRecorder() {
    }

    /** {@code target}, noting into {@code record} what its connections are asked to do. */
    static DataSource recording(DataSource target, List<String> record) {
        return proxy(DataSource.class, target, (method, args) -> {
            if (method.getName().equals("getConnection")) {
                return connection((Connection) method.invoke(target, args), record);
            }
            return method.invoke(target, args);
        });
    }

    private static Connection connection(Connection target, List<String> record) {
        return proxy(Connection.class, target, (method, args) -> {
            String name = method.getName();
            if (name.startsWith("prepare")) {
                record.add("prepare " + args[0]);
            } else if (TRANSACTION_CALLS.contains(name)) {
                record.add(name + (args == null ? "()" : "(" + args[0] + ")"));
            }
            Object result = method.invoke(target, args);
            if (name.equals("createStatement")) {
                return statement((Statement) result, record);
            }
            return result;
        });
    }

    private static Statement statement(Statement target, List<String> record) {
        return proxy(Statement.class, target, (method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql) {
                record.add("execute " + sql);
            }
            return method.invoke(target, args);
        });
    }

    /** What a proxy does with a call to its target. */
    interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    /** A proxy of {@code target} whose calls go through {@code call}, exceptions unwrapped. */
    static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
