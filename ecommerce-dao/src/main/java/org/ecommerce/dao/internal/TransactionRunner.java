package org.ecommerce.dao.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.ecommerce.dao.TransientDataAccessException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs repository work in transactions.
 *
 * <p>The outermost call opens a transaction; calls made inside it, on the same thread, join it
 * instead of opening their own, so several repository calls can commit or roll back together.
 * A serialization failure or deadlock (SQLSTATE 40001, 40P01; H2's lock timeout) rolls the whole
 * transaction back and runs it again, at most {@code maxRetries} times, with a short randomised
 * pause. Failures leave as the library's typed errors.
 */
public final class TransactionRunner {

    private final DSLContext root;
    private final int maxRetries;
    private final Duration retryPause;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    /**
     * @param root       a context on the application's data source
     * @param maxRetries how many times a transaction is run again after a serialization failure
     * @param retryPause the mean pause before a retry (randomised to spread competing retries)
     */
    public TransactionRunner(DSLContext root, int maxRetries, Duration retryPause) {
        this.root = root;
        this.maxRetries = maxRetries;
        this.retryPause = retryPause;
    }

    /** Runs {@code work} in the current transaction, or in a new one when there is none. */
    public <T> T run(Function<DSLContext, T> work) {
        DSLContext joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return inNewTransaction(work);
            } catch (RuntimeException failure) {
                if (attempt < maxRetries && isRetryable(failure)) {
                    pause(attempt);
                    continue;
                }
                if (failure instanceof RetryTransaction retry) {
                    throw new TransientDataAccessException("gave up after retries: " + retry.getMessage(), retry);
                }
                throw ErrorTranslator.translate(failure);
            }
        }
    }

    /**
     * Runs {@code work} in a transaction of its own on one connection: commits when it returns,
     * rolls back when it throws.
     *
     * <p>Done here on the JDBC connection rather than with jOOQ's {@code transactionResult}, whose
     * transaction provider (3.21) asks the connection for its isolation level at the start of every
     * transaction: the PostgreSQL driver answers that with a round trip to the server
     * ({@code SHOW TRANSACTION ISOLATION LEVEL}), one more than the transaction's own statements,
     * measured by ecommerce-bench as a tenth of an order's round trips.
     */
    private <T> T inNewTransaction(Function<DSLContext, T> work) {
        ConnectionProvider connections = root.configuration().connectionProvider();
        Connection connection = connections.acquire();
        try {
            boolean autoCommit = autoCommit(connection);
            if (autoCommit) {
                setAutoCommit(connection, false);
            }
            try {
                DSLContext dsl = root.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
                current.set(dsl);
                T result;
                try {
                    result = work.apply(dsl);
                } finally {
                    current.remove();
                }
                commit(connection);
                return result;
            } catch (RuntimeException | Error failure) {
                rollback(connection, failure);
                throw failure;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        } finally {
            connections.release(connection);
        }
    }

    private static boolean autoCommit(Connection connection) {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the connection's auto-commit mode", e);
        }
    }

    private static void setAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new DataAccessException("cannot set the connection's auto-commit mode", e);
        }
    }

    /**
     * Best effort: when the connection is broken (the failure that broke it is already on its way
     * to the caller) there is nothing to restore, and the pool discards the connection.
     */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // see above
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            // keeps the SQLSTATE: a serialization failure at commit is retried like any other
            throw new DataAccessException("cannot commit the transaction", e);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * A context with the dialect and settings of this runner's statements and no connection: for
     * rendering statements once, ahead of the transactions that run them ({@link RenderedStatement}).
     */
    public DSLContext renderer() {
        return DSL.using(root.dialect(), root.settings());
    }

    /** Whether the calling thread is inside a transaction of this runner. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    private static boolean isRetryable(RuntimeException failure) {
        return failure instanceof RetryTransaction || ErrorTranslator.classify(failure) == ErrorTranslator.Kind.RETRY;
    }

    private void pause(int attempt) {
        long mean = retryPause.toMillis() * (attempt + 1);
        if (mean <= 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(mean / 2, mean * 3 / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * Thrown by work that found its premises changed by a concurrent transaction (for example a
     * racing request with the same idempotency key): the runner rolls back and runs it again.
     */
    public static final class RetryTransaction extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the signal.
         *
         * @param reason why the work must start over
         * @param cause  the failure that showed it
         */
        public RetryTransaction(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }
}
