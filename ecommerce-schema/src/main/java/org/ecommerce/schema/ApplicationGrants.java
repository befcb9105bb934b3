package org.ecommerce.schema;

import static org.ecommerce.schema.EcommerceSchema.quoted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ecommerce.schema.jooq.DefaultSchema;
import org.ecommerce.schema.rules.RuleData;
import org.jooq.Identity;
import org.jooq.Sequence;
import org.jooq.Table;

/**
 * The rights {@link MigrationOptions#grantTo(String)} gives the application role: DML on the
 * library's tables, reading the history table and the rule data ({@link RuleData}), on PostgreSQL
 * calling the bulk loader of interactions, and nothing that could switch a rule off.
 *
 * <p>The library's tables are those of the generated classes (every table the portable migrations
 * create), so a table added by a later migration is granted as soon as it exists, and a service's
 * tables in the same schema are never touched. Engine-specific tables (H2's truncate guard) are
 * for the owner alone. Hence one grant a table, never H2's {@code GRANT ... ON SCHEMA} or
 * PostgreSQL's {@code ON ALL TABLES IN SCHEMA}.
 */
final class ApplicationGrants {

    private static final String DML = "SELECT, INSERT, UPDATE, DELETE";

    /** How to name the sequence behind a table's identity column. */
    @FunctionalInterface
    interface SequenceNames {
        /** The sequence's unqualified name, or null if the column has none. */
        String of(String table, String column) throws SQLException;
    }

    private ApplicationGrants() {
    }

    /**
     * The statements, with PostgreSQL's default names for the identity sequences
     * ({@code <table>_<column>_seq}).
     */
    static List<String> statements(Engine engine, String schema, String historyTable, String role) {
        try {
            return statements(engine, schema, historyTable, role, (table, column) -> table + "_" + column + "_seq");
        } catch (SQLException e) {
            throw new IllegalStateException(e); // the default names read nothing
        }
    }

    static List<String> statements(Engine engine, String schema, String historyTable, String role,
                                   SequenceNames sequences) throws SQLException {
        String to = " TO " + quoted(role);
        List<Table<?>> tables = libraryTables();
        List<String> statements = new ArrayList<>();
        if (engine == Engine.POSTGRESQL) {
            statements.add("GRANT USAGE ON SCHEMA " + quoted(schema) + to);
        }
        String onTable = engine == Engine.POSTGRESQL ? " ON TABLE " : " ON ";
        for (Table<?> table : tables) {
            // the rule triggers read the rule data as the writing role; only the owner changes it
            String rights = RuleData.TABLES.contains(table.getName()) ? "SELECT" : DML;
            statements.add("GRANT " + rights + onTable + qualified(schema, table.getName()) + to);
        }
        statements.add("GRANT SELECT" + onTable + qualified(schema, historyTable) + to);
        if (engine == Engine.POSTGRESQL) {
            // an identity column needs no right on its sequence to insert; these let the
            // application read it (currval, a tool reporting ids) as it could a serial column's
            for (Table<?> table : tables) {
                Identity<?, ?> identity = table.getIdentity();
                String sequence = identity == null ? null : sequences.of(table.getName(), identity.getField().getName());
                if (sequence != null) {
                    statements.add("GRANT USAGE, SELECT ON SEQUENCE " + qualified(schema, sequence) + to);
                }
            }
            // a sequence of its own (payment_method_id_seq) is what the application takes ids from
            for (Sequence<?> sequence : DefaultSchema.DEFAULT_SCHEMA.getSequences()) {
                statements.add("GRANT USAGE, SELECT ON SEQUENCE " + qualified(schema, sequence.getName()) + to);
            }
            // the bulk loader of interactions checks their keys per load and runs as its owner: only
            // roles granted it may call it
            statements.add("GRANT EXECUTE ON FUNCTION " + qualified(schema, "interaction_load")
                    + "(bigint[], bigint[], smallint[], bigint[])" + to);
        }
        return statements;
    }

    /**
     * Grants {@code role} its rights on the library installed in {@code schema}, naming the
     * sequences as the database named them.
     */
    static void grant(Connection connection, Engine engine, String schema, String historyTable, String role)
            throws SQLException {
        List<String> statements = statements(engine, schema, historyTable, role,
                (table, column) -> identitySequence(connection, schema, table, column));
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Refuses a role that does not exist, that is the user who migrates, or that no right could
     * restrict: before anything is migrated, so that nothing is left half done.
     *
     * @throws IllegalStateException naming the role
     */
    static void checkRole(Connection connection, Engine engine, String role) throws SQLException {
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT rolsuper, rolname = current_user FROM pg_roles WHERE rolname = ?"
                : "SELECT is_admin, user_name = CURRENT_USER FROM information_schema.users WHERE user_name = ?"
                        + " UNION ALL SELECT FALSE, FALSE FROM information_schema.roles WHERE role_name = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, role);
            if (engine == Engine.H2) {
                ps.setString(2, role);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the application role \"" + role + "\" of MigrationOptions.grantTo "
                            + "does not exist: the library grants it rights but does not create it. Create it first, e.g. "
                            + (engine == Engine.POSTGRESQL
                                    ? "CREATE ROLE " + role + " LOGIN PASSWORD '...'"
                                    : "CREATE USER " + role + " PASSWORD '...'"));
                }
                if (rs.getBoolean(2)) {
                    throw new IllegalStateException("the application role \"" + role + "\" of MigrationOptions.grantTo is the user "
                            + "that migrates: migrate as the schema's owner, and grant to the role the application connects as");
                }
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("the application role \"" + role + "\" of MigrationOptions.grantTo is a "
                            + (engine == Engine.POSTGRESQL ? "superuser" : "database administrator")
                            + ": no right can restrict it, so it could switch off the rules the library's triggers and "
                            + "constraints hold");
                }
            }
        }
    }

    /** The library's tables, by name. */
    private static List<Table<?>> libraryTables() {
        List<Table<?>> tables = new ArrayList<>(DefaultSchema.DEFAULT_SCHEMA.getTables());
        tables.sort(Comparator.comparing(Table::getName));
        return tables;
    }

    /** The name PostgreSQL gave the sequence of an identity column (it differs from the default if that was taken). */
    private static String identitySequence(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT relname FROM pg_class WHERE oid = pg_get_serial_sequence(?, ?)::regclass")) {
            ps.setString(1, qualified(schema, table));
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String qualified(String schema, String name) {
        return quoted(schema) + "." + quoted(name);
    }
}
