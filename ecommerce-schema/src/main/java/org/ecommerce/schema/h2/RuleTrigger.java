package org.ecommerce.schema.h2;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.ecommerce.schema.rules.Rule;
import org.ecommerce.schema.rules.RuleRefusal;
import org.h2.api.Trigger;

/**
 * Base of the H2 trigger classes that give H2 the rules PostgreSQL gets from plpgsql.
 *
 * <p>H2 hands a trigger its rows as bare arrays; this base resolves column names to positions
 * once, in {@link #init}, so a rule reads like its plpgsql twin: {@code row.get(NEW, "quantity")}.
 * A refusal is a {@link RuleRefusal}: SQLSTATE 23513 (H2's check violation), a message that starts
 * with the rule name exactly as on PostgreSQL, and the rule with its fields for the library to read.
 *
 * <p>A rule's SQL names its tables with the trigger's own schema (see {@link #prepare}): H2 runs it
 * on the writing session's connection, whose current schema may be another one (the library
 * installed in {@code shop}, a service writing from {@code public}).
 */
public abstract class RuleTrigger implements Trigger {

    private final Map<String, Integer> positions = new HashMap<>();
    private boolean before;

    /** Creates the trigger; H2 instantiates it by class name. */
    protected RuleTrigger() {
    }

    @Override
    public final void init(Connection conn, String schemaName, String triggerName, String tableName,
                           boolean before, int type) throws SQLException {
        this.before = before;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT column_name, ordinal_position FROM information_schema.columns "
                        + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getInt(2) - 1);
                }
            }
        }
        if (positions.isEmpty()) {
            throw new SQLException("trigger " + triggerName + " found no columns for " + schemaName + "." + tableName);
        }
        prepare("\"" + schemaName.replace("\"", "\"\"") + "\"");
    }

    /**
     * Builds the rule's SQL once, before the first row: {@code schema} is the trigger's schema as a
     * quoted identifier, to put before each table name ({@code schema + ".product"}). Rules that
     * run no SQL keep this no-op.
     */
    protected void prepare(String schema) {
    }

    /** The value of {@code column} in {@code row}. */
    protected final Object value(Object[] row, String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalStateException("no column " + column);
        }
        return row[position];
    }

    /** Whether the trigger fires before the row is written, for a trigger class that serves both sides. */
    protected final boolean firesBefore() {
        return before;
    }

    /** Whether the trigger's table has {@code column}, for a trigger class that serves several tables. */
    protected final boolean hasColumn(String column) {
        return positions.containsKey(column);
    }

    /** {@code column} of {@code row} as a long (the column must be an integer type). */
    protected final long longValue(Object[] row, String column) {
        return ((Number) value(row, column)).longValue();
    }

    /** {@code column} of {@code row} as a string. */
    protected final String stringValue(Object[] row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    /** {@code column} of {@code row} as a decimal. */
    protected final BigDecimal decimalValue(Object[] row, String column) {
        Object value = value(row, column);
        return value == null ? null : new BigDecimal(value.toString());
    }

    /**
     * A refusal of {@code rule}; the message is the rule's name, a colon and {@code explanation}.
     *
     * @param fields the rule's {@linkplain Rule#fields() fields} as alternating names and values
     *               ({@code "product_id", 42, "requested", 3}); a value may be {@code null} when unknown
     */
    protected static RuleRefusal refusal(Rule rule, String explanation, Object... fields) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            byName.put((String) fields[i], fields[i + 1]);
        }
        return new RuleRefusal(rule, explanation, byName);
    }

    /** Runs a single-column query; empty when it returns no row. */
    protected static Optional<Object> queryValue(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1)) : Optional.empty();
            }
        }
    }

    /** Runs an update and returns the number of rows it changed. */
    protected static int update(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void remove() {
    }
}
