package org.ecommerce.dao.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.ecommerce.dao.CallerTransactions;
import org.ecommerce.dao.CommitOutcomeUnknownException;
import org.ecommerce.dao.ConnectionUnavailableException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.internal.ErrorTranslator.Kind;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs repository work in transactions.
 *
 * <p>The outermost call opens a transaction; calls made inside it, on the same thread, join it
 * instead of opening their own, so several repository calls can commit or roll back together.
 * The calls and reads that a {@link #block} makes run in a savepoint each, as calls in a caller's
 * transaction do: a refused call undoes only itself and leaves as its typed error where the
 * block's code can catch it, and the transaction goes on, on both engines (PostgreSQL refuses
 * every statement after an error until a rollback, H2 undoes only the failed statement, not the
 * call's earlier ones). A transaction of its own that PostgreSQL aborted all the same (its error
 * caught outside a savepoint) is rolled back, never reported as committed.
 * A serialization failure or deadlock (SQLSTATE 40001, 40P01; H2's lock timeout) rolls the whole
 * transaction back and runs it again, at most {@code maxRetries} times, with a short randomised
 * pause ({@link #runOnce}: never, for work that cannot be repeated). Failures leave as the
 * library's typed errors.
 *
 * <p>When the caller owns a transaction (a connection bound with {@link #joining}, or one that
 * {@link CallerTransactions} reports), the outermost call runs on that connection inside a
 * savepoint instead: released when the work returns, rolled back to when it throws, so a refused
 * call undoes only itself. The caller's transaction is never committed, rolled back or retried here.
 */
public final class TransactionRunner {

    private final DSLContext root;
    private final int maxRetries;
    private final Duration retryPause;
    private final CallerTransactions callerTransactions;
    private final Consumer<Throwable> onRetry;
    private final ReplicaReads replicaReads;
    private final ThreadLocal<Open> current = new ThreadLocal<>();
    private final ThreadLocal<Connection> joined = new ThreadLocal<>();
    // the connection of the current transaction while a block's own code runs (not one of its
    // calls): a repository call made then runs in a savepoint
    private final ThreadLocal<Connection> block = new ThreadLocal<>();
    // set when work that cannot be repeated (runOnce) ran inside the thread's transaction: that
    // transaction, if it is the library's own, is then not run again either
    private final ThreadLocal<Boolean> unrepeatable = new ThreadLocal<>();
    // a serialization failure or deadlock that a block's code caught: the transaction is not
    // committed but run again as a whole (H2 has rolled it back already, PostgreSQL would fail)
    private final ThreadLocal<RuntimeException> runAgain = new ThreadLocal<>();

    /**
     * @param root               a context on the application's data source
     * @param maxRetries         how many times a transaction is run again after a serialization failure
     * @param retryPause         the mean pause before a retry (randomised to spread competing retries)
     * @param callerTransactions where to find a transaction the caller owns
     * @param onRetry            told of each retry, with the failure that caused it
     * @param replicaReads       where reads outside a transaction that may see a replica run
     */
    public TransactionRunner(DSLContext root, int maxRetries, Duration retryPause,
                             CallerTransactions callerTransactions, Consumer<Throwable> onRetry,
                             ReplicaReads replicaReads) {
        this.root = root;
        this.maxRetries = maxRetries;
        this.retryPause = retryPause;
        this.callerTransactions = callerTransactions;
        this.onRetry = onRetry;
        this.replicaReads = replicaReads;
    }

    /** Runs {@code work} in the current transaction, or in a new one when there is none. */
    public <T> T run(Function<DSLContext, T> work) {
        return run(work, true);
    }

    /**
     * As {@link #run}, but never run again: for work that consumes what it cannot read twice (a
     * caller's iterator). Neither its own transaction nor the library transaction it joins
     * ({@code inTransaction}) is retried: a serialization failure or deadlock is reported as a
     * {@link TransientDataAccessException} that is safe to retry, nothing having been committed,
     * and the caller runs the whole work again with all its input.
     */
    public <T> T runOnce(Function<DSLContext, T> work) {
        return run(work, false);
    }

    /**
     * Runs {@code work}, which makes repository calls, as {@link #run} does, as one transaction
     * whose calls and reads each run in a savepoint (see the class comment). Failures the block
     * does not catch leave as {@link #run}'s do; a serialization failure or deadlock it catches
     * still runs the whole block again.
     */
    public <T> T block(Function<DSLContext, T> work) {
        return run(dsl -> {
            Connection outer = block.get();
            block.set(current.get().connection());
            try {
                return work.apply(dsl);
            } finally {
                restore(block, outer);
            }
        }, true);
    }

    private <T> T run(Function<DSLContext, T> work, boolean retry) {
        Open open = current.get();
        if (open != null) {
            DSLContext inside = open.dsl();
            if (!retry) {
                unrepeatable.set(Boolean.TRUE);
            }
            Connection blockConnection = block.get();
            return blockConnection == null ? work.apply(inside) : callInBlock(blockConnection, inside, work);
        }
        Connection own = joined.get();
        if (own != null) {
            return inSavepoint(own, work, Optional.empty());
        }
        Connection caller = callerTransactions.current();
        if (caller != null) {
            try {
                return inSavepoint(caller, work, callerTransactions.timeLeft());
            } finally {
                callerTransactions.release(caller);
            }
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return inNewTransaction(work);
            } catch (RuntimeException failure) {
                boolean once = !retry || unrepeatable.get() != null;
                if (once && isRetryable(failure)) {
                    SQLException reason = ErrorTranslator.sqlException(failure);
                    throw new TransientDataAccessException("rolled back, nothing written; run it again with all its input: "
                            + (reason == null ? failure.getMessage() : reason.getMessage()), failure, true, false);
                }
                if (attempt < maxRetries && isRetryable(failure)) {
                    onRetry.accept(failure);
                    pause(attempt);
                    continue;
                }
                if (failure instanceof RetryTransaction again) {
                    throw new TransientDataAccessException("gave up after retries: " + again.getMessage(), again, true, false);
                }
                throw ErrorTranslator.translate(failure);
            } finally {
                unrepeatable.remove();
                runAgain.remove();
            }
        }
    }

    /**
     * Runs {@code work} with {@code connection}, whose transaction the caller owns, as the
     * transaction of every repository call made inside it on this thread.
     *
     * @throws IllegalStateException if the connection is in auto-commit mode, or this thread is
     *                               already inside a transaction of this runner
     */
    public <T> T joining(Connection connection, Supplier<T> work) {
        if (current.get() != null || joined.get() != null) {
            throw new IllegalStateException("already inside a transaction: join the caller's transaction outside inTransaction");
        }
        if (autoCommit(connection)) {
            throw new IllegalStateException("the connection is in auto-commit mode: call setAutoCommit(false) to begin "
                    + "the transaction the library should join");
        }
        joined.set(connection);
        try {
            return work.get();
        } finally {
            joined.remove();
        }
    }

    /**
     * Runs {@code work} on the caller's connection inside a savepoint. Not retried: a
     * serialization failure leaves as an error that tells the caller to run its transaction again.
     */
    private <T> T inSavepoint(Connection connection, Function<DSLContext, T> work, Optional<Duration> timeLeft) {
        if (autoCommit(connection)) {
            throw new IllegalStateException("the caller's transaction is in auto-commit mode: the library cannot join it");
        }
        OptionalInt timeout = boundedTimeout(timeLeft);
        Integer sessionTimeout = h2SessionTimeout(connection, timeout);
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            restoreH2SessionTimeout(connection, sessionTimeout);
            throw ErrorTranslator.translateInCallerTransaction(new DataAccessException("cannot set a savepoint", e));
        }
        DSLContext dsl = on(connection, timeout);
        current.set(new Open(dsl, connection));
        try {
            T result = work.apply(dsl);
            throwIfToRunAgain();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            throw ErrorTranslator.translateInCallerTransaction(new DataAccessException("cannot release the savepoint", e));
        } catch (RuntimeException failure) {
            rollbackTo(connection, savepoint, failure);
            throw ErrorTranslator.translateInCallerTransaction(failure);
        } catch (Error failure) {
            rollbackTo(connection, savepoint, failure);
            throw failure;
        } finally {
            restoreH2SessionTimeout(connection, sessionTimeout);
            current.remove();
            unrepeatable.remove(); // the caller's transaction is never run again here
            runAgain.remove();
        }
    }

    /**
     * A repository call or read made by a block's code: in a savepoint, its refusal typed here. A
     * serialization failure or deadlock leaves untranslated, so that the transaction runs again
     * as a whole; the calls that this call makes in turn join it without savepoints of their own.
     */
    private <T> T callInBlock(Connection connection, DSLContext inside, Function<DSLContext, T> work) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw ErrorTranslator.translate(new DataAccessException("cannot set a savepoint", e));
        }
        block.remove();
        try {
            T result = work.apply(inside);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            throw ErrorTranslator.translate(new DataAccessException("cannot release the savepoint", e));
        } catch (RuntimeException failure) {
            rollbackTo(connection, savepoint, failure);
            if (isRetryable(failure)) {
                if (runAgain.get() == null) {
                    runAgain.set(failure);
                }
                throw failure;
            }
            throw ErrorTranslator.translate(failure);
        } catch (Error failure) {
            rollbackTo(connection, savepoint, failure);
            throw failure;
        } finally {
            block.set(connection);
        }
    }

    private static <V> void restore(ThreadLocal<V> local, V previous) {
        if (previous == null) {
            local.remove();
        } else {
            local.set(previous);
        }
    }

    /** The transaction open on this thread: the context of its statements, on its connection. */
    private record Open(DSLContext dsl, Connection connection) {
    }

    /**
     * Rolls back to the savepoint, then releases it: PostgreSQL keeps a savepoint rolled back to,
     * and the next one would nest inside it, a subtransaction deeper per refused call.
     */
    private static void rollbackTo(Connection connection, Savepoint savepoint, Throwable failure) {
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Throws the serialization failure or deadlock that a block's code caught, if any (see {@link #runAgain}). */
    private void throwIfToRunAgain() {
        RuntimeException again = runAgain.get();
        if (again != null) {
            throw again;
        }
    }

    /**
     * Runs {@code work} with a context on the connection of the current transaction (this
     * runner's own or the caller's), or, outside any, on a connection of the data source in its
     * auto-commit mode, closed afterwards. For reads that must see the transaction's own writes.
     */
    public <T> T read(Function<DSLContext, T> work) {
        try {
            return readOnCurrentConnection(work);
        } catch (RuntimeException failure) {
            if (current.get() != null && isRetryable(failure)) {
                throw failure; // the transaction this runner owns runs again as a whole
            }
            throw ErrorTranslator.translate(failure);
        }
    }

    /**
     * Runs a read that may be served by a replica: inside a transaction (this runner's own or the
     * caller's) on its connection, as {@link #read}, so that it sees the transaction's writes;
     * outside, on a replica's connection when {@link ReplicaReads} finds one that can serve, else
     * on the primary's. A read that fails on the replica for a reason that may pass (the replica
     * went away, or cancelled the read to replay the log) runs once more on the primary.
     */
    public <T> T replicaRead(Function<DSLContext, T> work) {
        if (!replicaReads.hasReplica() || inTransaction()) {
            return read(work);
        }
        return onReplica(work);
    }

    /**
     * Runs a repository's read that may be served by a replica: as {@link #run} (in the current
     * transaction, or a transaction of its own) when there is no replica or a transaction is open;
     * otherwise as {@link #replicaRead} reads outside a transaction.
     */
    public <T> T replicaRun(Function<DSLContext, T> work) {
        if (!replicaReads.hasReplica() || inTransaction()) {
            return run(work);
        }
        return onReplica(work);
    }

    private <T> T onReplica(Function<DSLContext, T> work) {
        Connection connection;
        try {
            connection = replicaReads.acquire();
        } catch (SQLException e) {
            throw new ConnectionUnavailableException("no connection to the database: " + e.getMessage(), e);
        }
        try {
            try {
                return work.apply(on(connection));
            } catch (RuntimeException failure) {
                Kind kind = ErrorTranslator.classify(failure);
                if (kind != Kind.CONNECTION_LOST && kind != Kind.RETRY) {
                    throw failure;
                }
                try (Connection primary = replicaReads.primaryAfterReplicaFailure(failure)) {
                    return work.apply(on(primary));
                }
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw ErrorTranslator.translate(new DataAccessException("cannot open a connection for a read", e));
        } catch (RuntimeException failure) {
            throw ErrorTranslator.translate(failure);
        }
    }

    /** The replica routing of this runner's reads. */
    public ReplicaReads replicaReads() {
        return replicaReads;
    }

    private <T> T readOnCurrentConnection(Function<DSLContext, T> work) {
        Open open = current.get();
        if (open != null) {
            Connection blockConnection = block.get();
            return blockConnection == null ? work.apply(open.dsl()) : callInBlock(blockConnection, open.dsl(), work);
        }
        Connection own = joined.get();
        if (own != null) {
            return readInCallerTransaction(own, work, Optional.empty());
        }
        Connection caller = callerTransactions.current();
        if (caller != null) {
            try {
                return readInCallerTransaction(caller, work, callerTransactions.timeLeft());
            } finally {
                callerTransactions.release(caller);
            }
        }
        ConnectionProvider connections = root.configuration().connectionProvider();
        Connection connection = acquire(connections);
        Integer sessionTimeout = null;
        try {
            sessionTimeout = h2SessionTimeout(connection, OptionalInt.empty());
            return work.apply(on(connection));
        } finally {
            restoreH2SessionTimeout(connection, sessionTimeout);
            connections.release(connection);
        }
    }

    /** A read on the connection of the caller's transaction, without a savepoint (see {@link #read}). */
    private <T> T readInCallerTransaction(Connection connection, Function<DSLContext, T> work, Optional<Duration> timeLeft) {
        OptionalInt timeout = boundedTimeout(timeLeft);
        Integer sessionTimeout = h2SessionTimeout(connection, timeout);
        try {
            return work.apply(on(connection, timeout));
        } catch (RuntimeException failure) {
            throw ErrorTranslator.translateInCallerRead(failure, root.dialect().family() == SQLDialect.POSTGRES);
        } finally {
            restoreH2SessionTimeout(connection, sessionTimeout);
        }
    }

    /** A context with this runner's dialect and settings on {@code connection}. */
    private DSLContext on(Connection connection) {
        return root.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
    }

    /**
     * The statement timeout, in whole seconds as JDBC counts them, of the calls in a caller's
     * transaction that has {@code timeLeft}: the time left, rounded up, unless the library's own
     * statement timeout is shorter (empty then, as without a time left). Each statement of a call
     * gets the time left when the call began.
     */
    private OptionalInt boundedTimeout(Optional<Duration> timeLeft) {
        if (timeLeft.isEmpty()) {
            return OptionalInt.empty();
        }
        long seconds = Math.max(1, (timeLeft.get().toMillis() + 999) / 1000);
        Integer own = root.settings().getQueryTimeout();
        if (own != null && own > 0 && own <= seconds) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, seconds));
    }

    /** A context on {@code connection} whose statements time out after {@code timeout} seconds, if given. */
    private DSLContext on(Connection connection, OptionalInt timeout) {
        DSLContext dsl = on(connection);
        if (timeout.isEmpty()) {
            return dsl;
        }
        Settings bounded = ((Settings) root.settings().clone()).withQueryTimeout(timeout.getAsInt());
        return dsl.configuration().derive(bounded).dsl();
    }

    /**
     * H2 keeps a statement's timeout as its session's ({@code SET QUERY_TIMEOUT}) after the
     * statement: the session's own before a call whose statements get a timeout ({@code bounded},
     * or the library's own statement timeout), to put back afterwards, so that the connection goes
     * on, and back to its pool, as it came. Null on PostgreSQL, whose timeouts are the
     * statement's, and when no statement of the call gets a timeout.
     */
    private Integer h2SessionTimeout(Connection connection, OptionalInt bounded) {
        Integer own = root.settings().getQueryTimeout();
        if (root.dialect().family() != SQLDialect.H2 || bounded.isEmpty() && (own == null || own <= 0)) {
            return null;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.getQueryTimeout();
        } catch (SQLException e) {
            throw ErrorTranslator.translateInCallerTransaction(new DataAccessException("cannot read the query timeout", e));
        }
    }

    private static void restoreH2SessionTimeout(Connection connection, Integer seconds) {
        if (seconds == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
        } catch (SQLException ignored) {
            // a session that cannot take a setting is broken: its next statement reports that
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
        Connection connection = acquire(connections);
        Integer sessionTimeout = null;
        try {
            sessionTimeout = h2SessionTimeout(connection, OptionalInt.empty());
            boolean autoCommit = autoCommit(connection);
            if (autoCommit) {
                setAutoCommit(connection, false);
            }
            try {
                DSLContext dsl = on(connection);
                current.set(new Open(dsl, connection));
                T result;
                try {
                    result = work.apply(dsl);
                } finally {
                    current.remove();
                }
                throwIfToRunAgain();
                if (abortedByTheDatabase(connection)) {
                    // PostgreSQL would answer the COMMIT with a rollback that its driver reports as success
                    throw new IllegalStateException("a statement of the transaction failed and its error was caught: "
                            + "PostgreSQL aborted the transaction, rolled back, nothing written");
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
            restoreH2SessionTimeout(connection, sessionTimeout);
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
            DataAccessException failure = new DataAccessException("cannot commit the transaction", e);
            if (ErrorTranslator.classify(failure) == Kind.CONNECTION_LOST) {
                // the commit may have reached the database before the connection went: nobody here can tell
                throw new CommitOutcomeUnknownException("connection lost during commit, the transaction may or may not "
                        + "have committed: retry with the same idempotency key: " + e.getMessage(), failure);
            }
            // keeps the SQLSTATE: a serialization failure at commit is retried like any other
            throw failure;
        }
    }

    /**
     * A connection from the data source, or {@link ConnectionUnavailableException} when none can be
     * had (a pool timeout, a database that refuses or does not answer): nothing was sent yet.
     */
    private static Connection acquire(ConnectionProvider connections) {
        try {
            Connection connection = connections.acquire();
            if (connection == null) {
                throw new ConnectionUnavailableException("the data source gave no connection", null);
            }
            return connection;
        } catch (DataAccessException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConnectionUnavailableException("no connection to the database: " + cause.getMessage(), cause);
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

    /**
     * Whether the database aborted the transaction on {@code connection}: on PostgreSQL a statement
     * failed and was not rolled back to a savepoint, so a {@code COMMIT} would roll back (and the
     * driver report it as success). Read from the driver's state, no round trip; false on H2.
     */
    public static boolean abortedByTheDatabase(Connection connection) {
        return PostgresqlDriver.present() && PostgresTransactionState.aborted(connection);
    }

    /** Whether the calling thread is inside a transaction: this runner's own or one the caller owns. */
    public boolean inTransaction() {
        if (current.get() != null || joined.get() != null) {
            return true;
        }
        Connection caller = callerTransactions.current();
        if (caller != null) {
            callerTransactions.release(caller);
            return true;
        }
        return false;
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
