package org.ecommerce.dao;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

import org.ecommerce.dao.internal.TransactionRunner;

/**
 * Where the library finds a transaction that the application owns, so that repository calls and
 * query objects join it instead of opening their own. The Spring Boot starter implements it on
 * Spring's transaction synchronisation; plain JDBC code uses {@link Ecommerce#joinTransaction}.
 *
 * <p>Inside such a transaction the library never commits or rolls back: each repository call runs
 * in a savepoint, so a refused call undoes only itself and reports its typed error; nothing is
 * retried (see {@link TransientDataAccessException#retryTransaction()}).
 */
public interface CallerTransactions {

    /** No transaction is ever owned by the caller: every call runs in a transaction of its own. */
    CallerTransactions NONE = new CallerTransactions() {
        @Override
        public Connection current() {
            return null;
        }

        @Override
        public void release(Connection connection) {
        }
    };

    /**
     * The connection of the caller's transaction active on this thread, or {@code null} when there
     * is none. A connection returned here is handed back through {@link #release} after the call.
     */
    Connection current();

    /** Gives back a connection that {@link #current()} returned. */
    void release(Connection connection);

    /**
     * How long the caller's transaction active on this thread may still run, when its owner gave it
     * a timeout (Spring's {@code @Transactional(timeout = ...)}): each statement of a library call
     * in it may then run as long as this said when the call began (or the library's statement
     * timeout, if shorter). Empty when the transaction has no timeout; by default always. Asked
     * once per call, after {@link #current()} returned a connection.
     *
     * @throws RuntimeException the owner's own error when the time is up already (Spring's
     *                          {@code TransactionTimedOutException}); the call then runs nothing
     */
    default Optional<Duration> timeLeft() {
        return Optional.empty();
    }

    /**
     * Whether the database aborted the caller's transaction on {@code connection}: on PostgreSQL a
     * statement in it failed (a library read that timed out, say) and its error was caught, so the
     * transaction can no longer write, and its {@code COMMIT} rolls everything back while the
     * driver reports success. A transaction manager that joins the library checks it before it
     * commits, and fails the commit instead; the Spring Boot starter does. Always false on H2,
     * which keeps a transaction usable after a failed statement. Costs no round trip.
     */
    static boolean abortedByTheDatabase(Connection connection) {
        return TransactionRunner.abortedByTheDatabase(connection);
    }
}
