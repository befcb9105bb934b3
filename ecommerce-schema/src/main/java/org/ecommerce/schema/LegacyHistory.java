package org.ecommerce.schema;

import static org.ecommerce.schema.EcommerceSchema.quoted;
import static org.ecommerce.schema.EcommerceSchema.tableExists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Moves the library's migrations out of Flyway's default history table, {@value #TABLE}, into its
 * own.
 *
 * <p>A database once migrated with the library's migrations recorded in {@value #TABLE} would fight
 * a service's own Flyway over that table (the same versions, other checksums). On the next migrate,
 * while the library's own table is absent, it is created with a baseline at the highest version
 * found there, and exactly the library's rows are deleted from {@value #TABLE}: rows are the
 * library's when their version, description and checksum equal those of one of its migrations.
 * Rows of anyone else stay.
 *
 * <p>The emptied table stays too. The library's tables now fill the schema, and Flyway refuses a
 * schema that is not empty and has no history table (unless told to baseline, which with the
 * usual baseline version 1 would silently skip a service's V1); an empty {@value #TABLE} lets a
 * service's Flyway start from its V1 there.
 */
final class LegacyHistory {

    /** Flyway's default history table. */
    static final String TABLE = "flyway_schema_history";

    private LegacyHistory() {
    }

    /**
     * Moves the library's rows, if {@value #TABLE} in {@code schema} holds any.
     *
     * @param configure a Flyway configuration of the library's migrations for a given history table
     */
    static void moveToOwnTable(Connection connection, String schema, String ownTable,
                               Function<String, FluentConfiguration> configure) throws SQLException {
        if (ownTable.equals(TABLE) || !tableExists(connection, schema, TABLE)) {
            return; // the usual case: one catalogue lookup
        }
        Map<MigrationVersion, MigrationInfo> resolved = resolved(configure.apply(ownTable));
        List<Row> ours = ours(connection, schema, resolved);
        if (ours.isEmpty()) {
            return; // a service's own history
        }
        if (!tableExists(connection, schema, ownTable)) {
            configure.apply(ownTable)
                    .baselineVersion(highestOfAnUnbrokenRun(ours, resolved, schema))
                    .baselineDescription("<< moved from " + TABLE + " >>")
                    .load()
                    .baseline();
        }
        // (else an earlier move stopped between the baseline and this delete)
        delete(connection, schema, ours);
    }

    /** One applied migration as {@value #TABLE} records it. */
    private record Row(int installedRank, MigrationVersion version) {
    }

    /** The library's migrations by version, with their description and checksum. */
    private static Map<MigrationVersion, MigrationInfo> resolved(FluentConfiguration configuration) {
        Map<MigrationVersion, MigrationInfo> byVersion = new HashMap<>();
        for (MigrationInfo info : configuration.load().info().all()) {
            // not yet in the library's own table (the usual case here), so these are the scripts' values
            if (info.isVersioned() && info.getResolvedChecksum() != null && !info.isApplied()) {
                byVersion.put(info.getVersion(), info);
            }
        }
        return byVersion;
    }

    /** The successful rows of {@value #TABLE} that are the library's migrations. */
    private static List<Row> ours(Connection connection, String schema, Map<MigrationVersion, MigrationInfo> resolved)
            throws SQLException {
        List<Row> ours = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"installed_rank\", \"version\", \"description\", \"checksum\" FROM "
                     + quoted(schema) + "." + quoted(TABLE)
                     + " WHERE \"success\" AND \"type\" = 'SQL' AND \"version\" IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rs.getString(2));
                MigrationInfo migration = resolved.get(version);
                int checksum = rs.getInt(4);
                boolean hasChecksum = !rs.wasNull();
                if (migration != null && migration.getDescription().equals(rs.getString(3))
                        && hasChecksum && Objects.equals(migration.getResolvedChecksum(), checksum)) {
                    ours.add(new Row(rs.getInt(1), version));
                }
            }
        }
        return ours;
    }

    /**
     * The highest version among {@code ours}, provided every migration of the library up to it is
     * there: the baseline stands for all of them.
     */
    private static String highestOfAnUnbrokenRun(List<Row> ours, Map<MigrationVersion, MigrationInfo> resolved,
                                                 String schema) {
        MigrationVersion highest = ours.stream().map(Row::version).max(MigrationVersion::compareTo).orElseThrow();
        List<String> missing = resolved.keySet().stream()
                .filter(v -> v.compareTo(highest) <= 0)
                .filter(v -> ours.stream().noneMatch(row -> row.version().equals(v)))
                .sorted()
                .map(MigrationVersion::getVersion)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(schema + "." + TABLE + " records this library's migrations up to version "
                    + highest + " but not versions " + missing + ": they cannot be moved to the library's own history "
                    + "table automatically; repair the history first");
        }
        return highest.getVersion();
    }

    private static void delete(Connection connection, String schema, List<Row> ours) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM " + quoted(schema) + "." + quoted(TABLE) + " WHERE \"installed_rank\" = ?")) {
            for (Row row : ours) {
                ps.setInt(1, row.installedRank());
                ps.addBatch();
            }
            ps.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
