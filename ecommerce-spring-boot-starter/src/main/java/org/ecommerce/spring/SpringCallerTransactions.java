package org.ecommerce.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.ecommerce.dao.CallerTransactions;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's transactions as the caller's transactions of the library: inside a
 * {@code @Transactional} method (or a {@code TransactionTemplate}) whose transaction manager runs
 * a JDBC transaction on {@code dataSource} ({@code DataSourceTransactionManager},
 * {@code JdbcTransactionManager}, {@code JpaTransactionManager}), every repository call and query
 * object runs on the transaction's connection, in a savepoint of its own; outside one, each call
 * is a transaction of its own. So is each call under a transaction of another resource only (a
 * Kafka or JMS transaction manager, or one of another {@code DataSource}): nothing of this
 * database's is in that transaction to join.
 *
 * <p>The transaction's timeout, when it has one, bounds the library's calls in it: each statement
 * of a call may run as long as the transaction had left when the call began, and a call after the
 * time is up fails with Spring's {@code TransactionTimedOutException} and runs nothing.
 *
 * <p>A transaction that the library joined and that the database aborted (on PostgreSQL, after a
 * failed statement whose error was caught) fails at its commit with Spring's
 * {@link UnexpectedRollbackException} instead of rolling back in silence.
 *
 * <p>{@code dataSource} must be the one the transaction manager binds its connections to: the
 * pool itself, not a {@code TransactionAwareDataSourceProxy} around it.
 */
public final class SpringCallerTransactions implements CallerTransactions {

    private final DataSource dataSource;

    /** The transactions that Spring runs on {@code dataSource}. */
    public SpringCallerTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Connection current() {
        // with only synchronisation active (PROPAGATION_SUPPORTS, NOT_SUPPORTED) there is no
        // transaction to join: the library's own transaction is the right one then
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        // a JDBC or JPA transaction manager binds its connection to the data source when the
        // transaction begins; without one bound, the transaction is another resource's, and
        // DataSourceUtils would bind a new connection in auto-commit mode for the rest of it
        if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder)) {
            return null;
        }
        // JdbcTemplate inside another resource's transaction binds one in auto-commit mode: no
        // transaction of this database to join either
        Connection connection = DataSourceUtils.getConnection(dataSource);
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new CannotGetJdbcConnectionException("cannot read the auto-commit mode of the transaction's connection", e);
        }
        if (autoCommit) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            return null;
        }
        checkBeforeCommit();
        return connection;
    }

    /**
     * Makes the commit of the transaction being joined fail when the database aborted it: a
     * PostgreSQL transaction in which a statement failed and its error was caught (the library's
     * read that timed out, say, whose typed error the service caught and went on) rolls back at
     * its COMMIT, which the driver reports as success, and the method's writes would vanish
     * without a word. Once per transaction.
     */
    private void checkBeforeCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.getSynchronizations().contains(new AbortedTransactionCheck(dataSource))) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new AbortedTransactionCheck(dataSource));
    }

    /** Fails the commit of a transaction that the database aborted (see {@link #checkBeforeCommit}). */
    private record AbortedTransactionCheck(DataSource dataSource) implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            if (readOnly) {
                return; // nothing written that the rollback could lose
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                if (CallerTransactions.abortedByTheDatabase(connection)) {
                    throw new UnexpectedRollbackException("a statement of this transaction failed and its error was"
                            + " caught: PostgreSQL aborted the transaction, which rolls back, nothing written");
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /**
     * The time left of the transaction's timeout ({@code @Transactional(timeout = ...)}, a
     * {@code TransactionTemplate}'s, or the transaction manager's default), as Spring's
     * {@code JdbcTemplate} reads it for its statements.
     *
     * @throws org.springframework.transaction.TransactionTimedOutException if the time is up
     *         already; the transaction is then marked to roll back
     */
    @Override
    public Optional<Duration> timeLeft() {
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder && holder.hasTimeout()) {
            return Optional.of(Duration.ofMillis(holder.getTimeToLiveInMillis()));
        }
        return Optional.empty();
    }

    @Override
    public void release(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}
