package org.ecommerce.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Future;

import org.ecommerce.schema.Engine;

/**
 * Waits until a session of the test's database waits for a lock that another session holds, so
 * that a test orders two writers by their locks rather than by a pause, which a slow machine
 * would turn into another order without failing.
 */
public final class LockWaits {

    /** How long a session is given to begin waiting for a lock before the test gives up on it. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /**
     * How long a write that neither completes nor shows a wait is given before the test goes on: H2
     * shows no wait for a key that another transaction inserted and has not committed.
     */
    private static final Duration UNSHOWN_WAIT = Duration.ofSeconds(1);

    private LockWaits() {
    }

    /** Returns once a session of {@code db} waits for a lock; fails after 30 seconds. */
    public static void awaitAWaiter(TestDatabase db) {
        if (!waitFor(db, null, PATIENCE)) {
            throw new AssertionError("no session waited for a lock within " + PATIENCE.toSeconds() + " s");
        }
    }

    /**
     * Returns once a session of {@code db} waits for a lock or {@code done} has completed (a write
     * that takes no lock another holds completes instead of waiting), or after a second in which
     * neither happened (a wait the engine does not show).
     */
    public static void awaitAWaiterOr(TestDatabase db, Future<?> done) {
        waitFor(db, done, UNSHOWN_WAIT);
    }

    /** Whether a waiter showed or {@code done} completed within {@code patience}. */
    private static boolean waitFor(TestDatabase db, Future<?> done, Duration patience) {
        String waiters = switch (db.engine()) {
            case POSTGRESQL -> "SELECT COUNT(*) AS waiters FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock'";
            case H2 -> "SELECT COUNT(*) AS waiters FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        };
        long deadline = System.nanoTime() + patience.toNanos();
        try (Connection c = db.ownerConnect()) {
            while (done == null || !done.isDone()) {
                try (ResultSet rs = c.createStatement().executeQuery(waiters)) {
                    rs.next();
                    if (rs.getLong("waiters") > 0) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sessions of " + db, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
