package org.ecommerce.cli.transfer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL, a load into an empty shop: the foreign keys of the tables being loaded are dropped
 * inside the load's transaction and added back, with the database's own definitions, before it
 * commits, as {@code pg_restore} does. PostgreSQL checks a foreign key row by row while rows
 * arrive (one query per row and key) but set-based when the key is added (one join per key), so
 * a load of a few hundred thousand rows spends most of its time in the row-by-row checks
 * otherwise.
 *
 * <p>No other session ever sees the keys missing: the drop is part of the uncommitted
 * transaction, and it locks the tables until the commit (other sessions wait, readers too). A row
 * that breaks a key makes adding the key back fail, and the load is rolled back. This is why the
 * import uses it only for an empty shop, which no service is using yet.
 */
final class ForeignKeysSetAside {

    /** A foreign key as the database defines it. */
    private record ForeignKey(String table, String name, String definition) {
    }

    private final Connection connection;
    private final List<ForeignKey> keys;

    private ForeignKeysSetAside(Connection connection, List<ForeignKey> keys) {
        this.connection = connection;
        this.keys = keys;
    }

    /**
     * Drops the foreign keys declared on {@code tables} (of the current schema), in the
     * connection's open transaction; empty if the connection's role may not alter the tables
     * (it does not own them), in which case nothing was changed.
     */
    static Optional<ForeignKeysSetAside> drop(Connection connection, Collection<String> tables) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        // a partition's copy of its table's key (conparentid <> 0) goes and comes back with it
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.conrelid::regclass::text AS table_name, quote_ident(c.conname) AS name,
                       pg_get_constraintdef(c.oid) AS definition
                  FROM pg_constraint c
                 WHERE c.contype = 'f' AND c.conparentid = 0
                   AND c.connamespace = current_schema()::regnamespace
                   AND c.conrelid::regclass::text = ANY (?)
                 ORDER BY c.conrelid::regclass::text, c.conname""")) {
            Array names = connection.createArrayOf("text", tables.toArray());
            query.setArray(1, names);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ForeignKey(rs.getString("table_name"), rs.getString("name"), rs.getString("definition")));
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            for (ForeignKey key : keys) {
                s.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if ("42501".equals(e.getSQLState())) { // must be owner of table
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new ForeignKeysSetAside(connection, keys));
    }

    /**
     * Adds every dropped key back; PostgreSQL validates each over the whole table.
     *
     * @return false if a row breaks a key: the transaction is then unusable and must be rolled back
     */
    boolean restore() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (ForeignKey key : keys) {
                s.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
            }
            return true;
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) { // foreign_key_violation
                return false;
            }
            throw e;
        }
    }
}
