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
 * transaction, and it locks the tables and the tables their keys refer to until the commit
 * (other sessions wait, readers too). A row that breaks a key makes adding the key back fail, and
 * the load is rolled back. This is why the import uses it only for an empty shop, which no service
 * is using yet.
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
     * How long the drop waits for another session's lock on a table before the import goes row by
     * row instead: a service may be reading the interaction types or hold a transaction open.
     */
    private static final String LOCK_TIMEOUT = "5s";

    /**
     * Drops the foreign keys declared on {@code tables} (named as the import's statements name
     * them, through the search path), in the connection's open transaction. Empty, with nothing
     * changed, if the connection's role may not alter the tables (it does not own them) or another
     * session holds a lock on one of them or on a table they refer to for more than
     * {@value #LOCK_TIMEOUT}.
     */
    static Optional<ForeignKeysSetAside> drop(Connection connection, Collection<String> tables) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        // a partition's copy of its table's key (conparentid <> 0) goes and comes back with it
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT format('%I.%I', n.nspname, r.relname) AS table_name, quote_ident(c.conname) AS name,
                       pg_get_constraintdef(c.oid) AS definition
                  FROM pg_constraint c
                  JOIN pg_class r ON r.oid = c.conrelid
                  JOIN pg_namespace n ON n.oid = r.relnamespace
                 WHERE c.contype = 'f' AND c.conparentid = 0
                   AND c.conrelid = ANY (CAST(? AS regclass[]))
                 ORDER BY n.nspname, r.relname, c.conname""")) {
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
            s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            for (ForeignKey key : keys) {
                s.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint); // undoes the drops and the timeout
            // must be owner of table; lock not available; deadlock detected
            if (List.of("42501", "55P03", "40P01").contains(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL lock_timeout = DEFAULT"); // the import's own statements wait as any writer's
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
