package org.ecommerce.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Plain JDBC on one auto-commit connection: how a service that bypasses the library writes.
 * Tests of the database rules use only this, so that no Java code of ours stands in between.
 * On a {@link TestDatabase} it connects as the application role, with DML rights only, as such a
 * service would.
 */
public final class PlainSql implements AutoCloseable {

    private final Connection connection;

    /** Plain JDBC as the application role of {@code db}. */
    public PlainSql(TestDatabase db) throws SQLException {
        this(db.dataSource());
    }

    /** Plain JDBC on a new connection of {@code dataSource}, e.g. one of {@link TestDatabase#newEmptyDatabase}. */
    public PlainSql(DataSource dataSource) throws SQLException {
        this.connection = dataSource.getConnection();
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    public long insert(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).as("generated id of " + sql).isTrue();
                return keys.getLong(1);
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** The single value of a single-row query. */
    public Object value(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row from " + sql).isTrue();
                return rs.getObject(1);
            }
        }
    }

    public long longValue(String sql, Object... params) throws SQLException {
        return ((Number) value(sql, params)).longValue();
    }

    public BigDecimal decimal(String sql, Object... params) throws SQLException {
        return new BigDecimal(value(sql, params).toString());
    }

    /**
     * Asserts that the statement is refused as an integrity violation (SQLSTATE class 23) that
     * names {@code rule}, and returns the refusal.
     */
    public SQLException assertRefused(String rule, String sql, Object... params) {
        SQLException refusal = catchThrowableOfType(SQLException.class, () -> update(sql, params));
        assertThat((Object) refusal).as("refusal of: " + sql).isNotNull();
        assertThat(refusal.getSQLState()).as("SQLSTATE of " + refusal.getMessage()).startsWith("23");
        assertThat(refusal.getMessage().toLowerCase()).contains(rule);
        return refusal;
    }

    /** The underlying connection, for the few tests that need transactions. */
    public Connection connection() {
        return connection;
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
