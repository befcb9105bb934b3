package org.ecommerce.dao.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * A statement built with jOOQ, rendered once for the library's dialect and settings, and run as a
 * JDBC {@link PreparedStatement} on the transaction's connection.
 *
 * <p>For the hot write paths (placing an order, recording an interaction): jOOQ renders a query's SQL anew at every
 * execution, and on a 3-line order that rendering is more than half of jOOQ's CPU (a JFR
 * profile of benchmark 1 shows it). jOOQ's manual suggests exactly this for such paths ("Performance
 * considerations": cache the SQL jOOQ generates and prepare your own statements). The query is
 * still written in jOOQ's DSL, with {@code DSL.param} placeholders, so it reads like the SQL it
 * renders and is checked against the generated schema at compile time; values are bound in the
 * order the placeholders appear in that SQL. Failures leave as jOOQ's {@link DataAccessException}
 * with the driver's {@link SQLException} as cause, like every other statement of the library, so
 * {@link ErrorTranslator} classifies them by SQLSTATE and rule name.
 *
 * <p>jOOQ's own {@code ExecuteListener}s do not see these statements; what the library configures
 * per statement is applied here as well: the query timeout of the context's settings and the
 * {@link StatementLog} found in its configuration.
 */
public final class RenderedStatement {

    private final String sql;
    private final int parameters;

    private RenderedStatement(String sql, int parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** Renders {@code query} with the dialect and settings of {@code dsl}. */
    public static RenderedStatement render(DSLContext dsl, Query query) {
        return new RenderedStatement(dsl.render(query), dsl.extractBindValues(query).size());
    }

    /** The SQL text sent to the database. */
    public String sql() {
        return sql;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** Maps the current row of {@code row}. */
        T map(ResultSet row) throws SQLException;
    }

    /** Runs the statement with {@code values} bound in order; returns the update count. */
    public int execute(DSLContext tx, Object... values) {
        return run(tx, values, statement -> statement.executeUpdate());
    }

    /** Runs the query with {@code values} bound in order; the first row mapped, if any. */
    public <T> Optional<T> fetchOptional(DSLContext tx, RowMapper<T> mapper, Object... values) {
        return run(tx, values, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    /** Runs the query with {@code values} bound in order; every row mapped. */
    public <T> List<T> fetch(DSLContext tx, RowMapper<T> mapper, Object... values) {
        return run(tx, values, statement -> {
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        });
    }

    private interface Execution<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(DSLContext tx, Object[] values, Execution<T> execution) {
        if (values.length != parameters) {
            throw new IllegalArgumentException(parameters + " values expected, " + values.length + " given for " + sql);
        }
        // inside a TransactionRunner transaction this is the transaction's own connection
        ConnectionProvider provider = tx.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            Integer timeout = tx.settings().getQueryTimeout();
            if (timeout != null && timeout > 0) {
                statement.setQueryTimeout(timeout);
            }
            if (tx.configuration().data(StatementLog.DATA_KEY) instanceof StatementLog log) {
                long start = System.nanoTime();
                T result = execution.run(statement);
                log.executed(sql, values, System.nanoTime() - start);
                return result;
            }
            return execution.run(statement);
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        } finally {
            provider.release(connection);
        }
    }
}
