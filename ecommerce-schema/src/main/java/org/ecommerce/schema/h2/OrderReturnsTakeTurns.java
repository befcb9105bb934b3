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
 */
public final class OrderReturnsTakeTurns extends RuleTrigger {

    /** SQLSTATE of a serialization failure, which the library and other clients retry. */
    private static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE of a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private String takeTurn;
    private String firstTurn;
    private String counted;
    private String seen;

    /** Creates the trigger; H2 instantiates it by class name. */
    public OrderReturnsTakeTurns() {
    }

    @Override
    protected void prepare(String schema) {
        takeTurn = "UPDATE " + schema + ".ecommerce_order_turn SET returned_units = returned_units + ?, "
                + "closed_returns = closed_returns + ? WHERE order_id = ?";
        firstTurn = "INSERT INTO " + schema + ".ecommerce_order_turn (order_id, returned_units, closed_returns) VALUES (?, ?, ?)";
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
        // the turn first: at READ COMMITTED the counts below are then read after the previous writer committed
        if (update(conn, takeTurn, units, closed, orderId) == 0) {
            long[] before = counts(conn, seen, orderId, orderId);
            try {
                update(conn, firstTurn, orderId, before[0] + units, before[1] + closed);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw staleView(orderId, e);
                }
                throw e;
            }
            return;
        }
        long[] now = counts(conn, counted, orderId);
        long[] before = counts(conn, seen, orderId, orderId);
        if (now[0] != before[0] + units || now[1] != before[1] + closed) {
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
