package org.ecommerce.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What a database holds, read from {@code information_schema} (the same on both engines), and
 * what a Flyway history table records. For the tests of where the migrations put things.
 */
public final class Catalog {

    private Catalog() {
    }

    /** The base tables of {@code schema}. */
    public static Set<String> tables(DataSource dataSource, String schema) throws SQLException {
        return strings(dataSource, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type IN ('BASE TABLE', 'TABLE')", schema);
    }

    /** The triggers of {@code schema}. */
    public static Set<String> triggers(DataSource dataSource, String schema) throws SQLException {
        return strings(dataSource, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = ?", schema);
    }

    public static boolean hasTable(DataSource dataSource, String schema, String table) throws SQLException {
        return tables(dataSource, schema).contains(table);
    }

    /** One row of a Flyway history table. */
    public record HistoryRow(String version, String description, String type) {
    }

    /**
     * The rows of the Flyway history table {@code schema.table}, in the order they were applied,
     * less the row by which Flyway records the table's creation on H2.
     */
    public static List<HistoryRow> history(DataSource dataSource, String schema, String table) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT \"version\", \"description\", \"type\" FROM "
                     + schema + ".\"" + table + "\" WHERE \"type\" <> 'TABLE' ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    /** The versions recorded in {@code schema.table} by migrations (not baselines), in order. */
    public static List<String> appliedVersions(DataSource dataSource, String schema, String table) throws SQLException {
        return history(dataSource, schema, table).stream().filter(row -> row.type().equals("SQL"))
                .map(HistoryRow::version).toList();
    }

    /**
     * The versions of the migrations the library ships for {@code engine}, in order, as Flyway
     * resolves them from the classpath: what a migration of an empty database applies. Tests
     * count these rather than a number that every new migration would have to update.
     */
    public static List<String> shippedVersions(Engine engine) {
        // Flyway resolves scripts only for a database; an empty in-memory H2 one, whose history
        // table does not exist, lists every script of the locations as pending, whatever the engine
        JdbcDataSource nothing = new JdbcDataSource();
        nothing.setURL("jdbc:h2:mem:");
        return Arrays.stream(Flyway.configure(EcommerceSchema.class.getClassLoader())
                        .dataSource(nothing)
                        .locations(Engine.COMMON_LOCATION, engine.migrationLocation())
                        .failOnMissingLocations(true)
                        .load().info().pending())
                .map(migration -> migration.getVersion().getVersion())
                .toList();
    }

    /** The versions {@link #shippedVersions} lists after {@code version}, in order. */
    public static List<String> shippedAfter(Engine engine, String version) {
        int after = Integer.parseInt(version);
        return shippedVersions(engine).stream().filter(v -> Integer.parseInt(v) > after).toList();
    }

    private static Set<String> strings(DataSource dataSource, String sql, String parameter) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
