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

    /**
     * The base tables of {@code schema}; on PostgreSQL without the partitions of a partitioned
     * table (interaction's months), which come and go with the calendar.
     */
    public static Set<String> tables(DataSource dataSource, String schema) throws SQLException {
        Set<String> tables = strings(dataSource, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type IN ('BASE TABLE', 'TABLE')", schema);
        if (Engine.of(dataSource) == Engine.POSTGRESQL) {
            tables.removeAll(strings(dataSource, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relispartition", schema));
        }
        return tables;
    }

    /** The triggers of {@code schema}. */
    public static Set<String> triggers(DataSource dataSource, String schema) throws SQLException {
        return strings(dataSource, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = ?", schema);
    }

    public static boolean hasTable(DataSource dataSource, String schema, String table) throws SQLException {
        return tables(dataSource, schema).contains(table);
    }

    /**
     * The rights on the tables of {@code schema} granted to {@code grantee}, each as
     * {@code "table PRIVILEGE"} (e.g. {@code "product SELECT"}). Read it as the owner: the
     * catalogue shows a role only what concerns it.
     */
    public static Set<String> tablePrivileges(DataSource dataSource, String schema, String grantee) throws SQLException {
        return strings(dataSource, "SELECT table_name || ' ' || privilege_type FROM information_schema.table_privileges "
                + "WHERE table_schema = ? AND grantee = ?", schema, grantee);
    }

    /** PostgreSQL: the rights on the sequences of {@code schema} granted to {@code grantee}, each as {@code "sequence PRIVILEGE"}. */
    public static Set<String> sequencePrivileges(DataSource dataSource, String schema, String grantee) throws SQLException {
        return strings(dataSource, "SELECT c.relname || ' ' || a.privilege_type FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
                + "WHERE c.relkind = 'S' AND n.nspname = ? AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?)",
                schema, grantee);
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

    private static Set<String> strings(DataSource dataSource, String sql, String... parameters) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
