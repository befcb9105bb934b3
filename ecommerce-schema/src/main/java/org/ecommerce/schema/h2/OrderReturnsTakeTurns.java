package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The writers of one order's returns take turns: before the return rules read rows that a
 * concurrent writer of the same order may change, a return line written or a return's status
 * changed takes a turn in the order's row of {@code ecommerce_order_turn}. A second writer waits
 * for the first; at REPEATABLE READ and SERIALIZABLE it then fails with a serialization failure
 * (SQLSTATE 40001), which the library retries; at READ COMMITTED its rule reads what the first
 * committed. H2 twin of PostgreSQL's {@code order_returns_take_turns()}.
 *
 * <p>Waiting is not enough on H2: its REPEATABLE READ takes each table's snapshot at the
 * transaction's first read of that table, so the turn row may be read fresh while the return
 * lines were read before the other writer committed. The turn row therefore also counts the
 * units in the order's return lines and its closed returns, and a writer whose snapshot disagrees
 * with those counts gets the same serialization failure.
 *
 * <p>Before each row the trigger takes the turn and compares the counts; after the row it adds the
 * row's change to them. H2 runs an UPDATE's or DELETE's before-row triggers for all its rows
 * first and writes the rows afterwards, so a count changed before the row would disagree with
 * what the statement's next row sees, and one statement over several returns of an order would
 * fail every time.
 */
public final class OrderReturnsTakeTurns extends RuleTrigger {

    /** SQLSTATE of a serialization failure, which the library and other clients retry. */
    private static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE of a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private String takeTurn;
    private String count;
    private String firstTurn;
    private String counted;
    private String seen;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnsTakeTurns() {
    }

    @Override
    protected void prepare(String schema) {
        // a change, so that a concurrent writer of the order conflicts with it (H2 sees no conflict in
        // an update that changes nothing)
        takeTurn = "UPDATE " + schema + ".ecommerce_order_turn SET turns = turns + 1 WHERE order_id = ?";
        count = "UPDATE " + schema + ".ecommerce_order_turn SET returned_units = returned_units + ?, "
                + "closed_returns = closed_returns + ? WHERE order_id = ?";
        firstTurn = "INSERT INTO " + schema + ".ecommerce_order_turn (order_id, returned_units, closed_returns, turns) "
                + "VALUES (?, ?, ?, 1)";
        counted = "SELECT returned_units, closed_returns FROM " + schema + ".ecommerce_order_turn WHERE order_id = ?";
        seen = "SELECT (SELECT COALESCE(SUM(quantity), 0) FROM " + schema + ".return_line WHERE order_id = ?), "
                + "(SELECT COUNT(*) FROM " + schema + ".order_return WHERE order_id = ? AND status <> 'pending')";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        long orderId;
        long units;
        long closed;
        if (hasColumn("status")) { // a return: only a status change matters
            String from = stringValue(oldRow, "status");
            String to = stringValue(newRow, "status");
            if (from.equals(to)) {
                return;
            }
            orderId = longValue(oldRow, "order_id");
            units = 0;
            closed = ("pending".equals(from) ? 1 : 0) - ("pending".equals(to) ? 1 : 0);
        } else {
            orderId = longValue(newRow != null ? newRow : oldRow, "order_id");
            units = (newRow != null ? longValue(newRow, "quantity") : 0) - (oldRow != null ? longValue(oldRow, "quantity") : 0);
            closed = 0;
        }
        if (!firesBefore()) {
            // the row is written: the counts follow it (the turn row exists, taken before the row)
            update(conn, count, units, closed, orderId);
            return;
        }
        // the turn first: at READ COMMITTED the counts below are then read after the previous writer committed
        if (update(conn, takeTurn, orderId) == 0) {
            long[] seenNow = counts(conn, seen, orderId, orderId);
            try {
                update(conn, firstTurn, orderId, seenNow[0], seenNow[1]);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw staleView(orderId, e);
                }
                throw e;
            }
            return;
        }
        long[] now = counts(conn, counted, orderId);
        long[] seenNow = counts(conn, seen, orderId, orderId);
        if (now[0] != seenNow[0] || now[1] != seenNow[1]) {
            throw staleView(orderId, null);
        }
    }

    private static SQLException staleView(long orderId, SQLException cause) {
        return new SQLException("order " + orderId + ": a concurrent transaction changed this order's returns; "
                + "run the transaction again", SERIALIZATION_FAILURE, cause);
    }

    private static long[] counts(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
