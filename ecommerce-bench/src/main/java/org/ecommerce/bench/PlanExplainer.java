package org.ecommerce.bench;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

/**
 * PostgreSQL plans of what a library call runs: the call goes through a data source that notes
 * every prepared statement with its bind calls, then each statement is run again as
 * {@code EXPLAIN (ANALYZE, BUFFERS)} with the same binds replayed.
 */
final class PlanExplainer {

    private record Bind(Method setter, Object[] args) {
    }

    private record Prepared(String sql, List<Bind> binds) {
    }

    private PlanExplainer() {
    }

    /** The plans, as text, of the statements {@code call} runs on a data source wrapping {@code target}. */
    static String explain(DataSource target, Consumer<DataSource> call) throws SQLException {
        List<Prepared> prepared = new ArrayList<>();
        call.accept(recording(target, prepared));
        StringBuilder plans = new StringBuilder();
        try (Connection c = target.getConnection()) {
            for (Prepared statement : prepared) {
                if (!statement.sql().stripLeading().toLowerCase().startsWith("select")
                        && !statement.sql().stripLeading().toLowerCase().startsWith("with")) {
                    continue;
                }
                plans.append("-- ").append(statement.sql()).append('\n');
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
                    for (Bind bind : statement.binds()) {
                        bind.setter().invoke(explain, bind.args());
                    }
                    try (ResultSet rs = explain.executeQuery()) {
                        while (rs.next()) {
                            plans.append(rs.getString(1)).append('\n');
                        }
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot replay a bind", e);
                }
                plans.append('\n');
            }
        }
        return plans.toString();
    }

    private static DataSource recording(DataSource target, List<Prepared> prepared) {
        return StatementRecorder.proxy(DataSource.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getConnection") ? connection((Connection) result, prepared) : result;
        });
    }

    private static Connection connection(Connection target, List<Prepared> prepared) {
        return StatementRecorder.proxy(Connection.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            if (method.getName().equals("prepareStatement")) {
                Prepared statement = new Prepared((String) args[0], new ArrayList<>());
                prepared.add(statement);
                return statement((PreparedStatement) result, statement.binds());
            }
            return result;
        });
    }

    private static PreparedStatement statement(PreparedStatement target, List<Bind> binds) {
        return StatementRecorder.proxy(PreparedStatement.class, target, (method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                binds.add(new Bind(method, args.clone()));
            }
            return method.invoke(target, args);
        });
    }
}
