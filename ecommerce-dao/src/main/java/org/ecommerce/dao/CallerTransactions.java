package org.ecommerce.dao;

import java.sql.Connection;

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
}
