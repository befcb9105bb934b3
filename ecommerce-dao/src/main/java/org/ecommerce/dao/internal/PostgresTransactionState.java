package org.ecommerce.dao.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Whether PostgreSQL's driver knows the connection's transaction to be aborted: a statement in it
 * failed and was not rolled back to a savepoint. A {@code COMMIT} of such a transaction is a
 * rollback that the driver reports as success. Read from the driver's own state, no round trip.
 * Loaded only when {@link PostgresqlDriver#present()}.
 */
final class PostgresTransactionState {

    private PostgresTransactionState() {
    }

    /** Whether the connection is PostgreSQL's and its transaction is aborted. */
    static boolean aborted(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException e) {
            return false; // a connection that cannot say: its commit reports for itself
        }
    }
}
