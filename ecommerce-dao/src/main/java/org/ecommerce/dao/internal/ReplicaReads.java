package org.ecommerce.dao.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.ecommerce.dao.ReplicationPosition;
import org.ecommerce.schema.Engine;

/**
 * Chooses the connection of a read that may run on a replica: the replica's when it is reachable,
 * still a standby, no further behind than the bound, and (when the reading thread asked for it) has
 * replayed a given position of the primary; the primary's otherwise. Each read on the primary
 * instead of the replica is reported with its reason; the logger {@value #LOGGER} says when the
 * replica stops or starts serving reads.
 *
 * <p>Lag is measured on the replica itself, with one small query per read: zero when it has
 * replayed all the log it received, else the age of the last transaction it replayed. A replica
 * that receives nothing (its WAL receiver stopped) counts as lagging without bound.
 */
public final class ReplicaReads {

    /** The logger's name. */
    public static final String LOGGER = "org.ecommerce.dao.replica";

    private static final Logger LOG = System.getLogger(LOGGER);

    /** Whether the replica can serve, how far behind it is, and where its replay stands. */
    private static final String STATE = """
            SELECT pg_is_in_recovery() AS standby,
                   (SELECT count(*) FROM pg_stat_wal_receiver) AS receivers,
                   CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE coalesce(1000 * extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
                   END AS lag_millis""";
    private static final String REPLAYED = "SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn) AS replayed";
    private static final long CATCH_UP_POLL_MILLIS = 5;
    /**
     * How long reads leave a replica alone after it could not be reached: each attempt may wait as
     * long as the replica pool's connection timeout, and every read would wait it again.
     */
    static final Duration UNREACHABLE_PAUSE = Duration.ofSeconds(5);
    private static final VarHandle UNREACHABLE_UNTIL = unreachableUntilHandle();

    private final DataSource primary;
    private final DataSource replica;
    private final Engine engine;
    private final long maxLagMillis;
    private final Duration catchUpTimeout;
    private final Consumer<String> onPrimaryInstead;
    private final ThreadLocal<ReplicationPosition> required = new ThreadLocal<>();
    /** Why the last read did not use the replica; null while it serves. For logging changes only. */
    private final AtomicReference<String> bypassed = new AtomicReference<>();
    /** While the replica is left alone after it could not be reached: until this System.nanoTime(). */
    private volatile long unreachableUntil;
    private volatile boolean unreachable;

    /**
     * @param primary          the primary's data source
     * @param replica          a replica's, or null when there is none (every read on the primary, nothing reported)
     * @param engine           the engine of both
     * @param maxLag           a replica further behind serves no read
     * @param catchUpTimeout   how long a read that asked for a position waits for the replica to replay it
     * @param onPrimaryInstead told the reason of each read that runs on the primary instead of the replica
     */
    public ReplicaReads(DataSource primary, DataSource replica, Engine engine, Duration maxLag, Duration catchUpTimeout,
                        Consumer<String> onPrimaryInstead) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replica = replica;
        this.engine = engine;
        this.maxLagMillis = maxLag.toMillis();
        this.catchUpTimeout = catchUpTimeout;
        this.onPrimaryInstead = onPrimaryInstead;
    }

    /** Whether reads may go to a replica at all. */
    public boolean hasReplica() {
        return replica != null;
    }

    /**
     * A connection for one read outside any transaction, closed by the caller: the replica's if it
     * can serve, else the primary's.
     */
    public Connection acquire() throws SQLException {
        if (replica == null) {
            return primary.getConnection();
        }
        if (unreachable && !probeAfterPause()) {
            return primaryInstead("replica unreachable, left alone until " + UNREACHABLE_PAUSE.toSeconds() + " s after it failed");
        }
        Connection connection;
        try {
            connection = replica.getConnection();
            unreachable = false;
        } catch (SQLException | RuntimeException failure) {
            if (poolBusy(failure)) {
                return primaryInstead("replica's pool busy: " + failure.getMessage());
            }
            unreachableUntil = System.nanoTime() + UNREACHABLE_PAUSE.toNanos();
            unreachable = true;
            return primaryInstead("replica unreachable: " + failure.getMessage());
        }
        String refusal;
        try {
            refusal = engine == Engine.POSTGRESQL ? refusal(connection) : null;
        } catch (SQLException | RuntimeException failed) {
            refusal = "replica failed its check: " + failed.getMessage();
        }
        if (refusal == null) {
            if (bypassed.getAndSet(null) != null) {
                LOG.log(Level.INFO, "the replica serves reads again");
            }
            return connection;
        }
        close(connection);
        return primaryInstead(refusal);
    }

    /**
     * Whether the replica's pool timed out waiting for one of its connections in use, with no
     * failure to connect behind it (HikariCP's timeout then has no cause): the replica is busy,
     * not unreachable, and the next read tries it again.
     */
    private static boolean poolBusy(Throwable failure) {
        return failure instanceof SQLTransientConnectionException && failure.getCause() == null;
    }

    /**
     * Whether this read is the one to try an unreachable replica again: the pause is over, and no
     * other read took the turn (the others go on to the primary without waiting for the replica).
     */
    private boolean probeAfterPause() {
        long until = unreachableUntil;
        return System.nanoTime() - until >= 0
                && UNREACHABLE_UNTIL.compareAndSet(this, until, System.nanoTime() + UNREACHABLE_PAUSE.toNanos());
    }

    /** Runs a read on the primary because the replica failed it, reporting why. */
    public Connection primaryAfterReplicaFailure(Throwable failure) throws SQLException {
        return primaryInstead("read failed on the replica: " + failure.getMessage());
    }

    /** Why the replica cannot serve this read, or null when it can. */
    private String refusal(Connection connection) throws SQLException {
        try (PreparedStatement state = connection.prepareStatement(STATE); ResultSet rs = state.executeQuery()) {
            rs.next();
            if (!rs.getBoolean("standby")) {
                return "replica is not a standby (promoted?): its data may differ from the primary's";
            }
            if (rs.getLong("receivers") == 0) {
                return "replica receives no log from the primary";
            }
            long lag = rs.getLong("lag_millis");
            if (lag > maxLagMillis) {
                return "replica lags " + lag + " ms, more than " + maxLagMillis + " ms";
            }
        }
        ReplicationPosition position = required.get();
        if (position != null && !position.isNone() && !caughtUp(connection, position)) {
            return "replica has not replayed " + position + " within " + catchUpTimeout.toMillis() + " ms";
        }
        return null;
    }

    private boolean caughtUp(Connection connection, ReplicationPosition position) throws SQLException {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        try (PreparedStatement replayed = connection.prepareStatement(REPLAYED)) {
            replayed.setString(1, position.lsn());
            while (true) {
                try (ResultSet rs = replayed.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean("replayed")) {
                        return true;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                try {
                    Thread.sleep(CATCH_UP_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private Connection primaryInstead(String reason) throws SQLException {
        String before = bypassed.getAndSet(reason);
        if (before == null) {
            LOG.log(Level.WARNING, "reads go to the primary: " + reason);
        } else {
            LOG.log(Level.DEBUG, "read on the primary: " + reason);
        }
        onPrimaryInstead.accept(reason);
        return primary.getConnection();
    }

    /**
     * Where the primary's log stands now: every transaction committed before this call is at or
     * before it. {@link ReplicationPosition#NONE} without a replica or on H2.
     */
    public ReplicationPosition primaryPosition() throws SQLException {
        if (replica == null || engine != Engine.POSTGRESQL) {
            return ReplicationPosition.NONE;
        }
        try (Connection connection = primary.getConnection();
             PreparedStatement current = connection.prepareStatement("SELECT CAST(pg_current_wal_lsn() AS text) AS lsn");
             ResultSet rs = current.executeQuery()) {
            rs.next();
            return new ReplicationPosition(rs.getString("lsn"));
        }
    }

    /** Runs {@code work} with its replica reads waiting for {@code position} first. */
    public <T> T after(ReplicationPosition position, Supplier<T> work) {
        ReplicationPosition outer = required.get();
        required.set(position);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                required.remove();
            } else {
                required.set(outer);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that fails to close is the pool's to discard
        }
    }

    private static VarHandle unreachableUntilHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(ReplicaReads.class, "unreachableUntil", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
