package org.ecommerce.dao.interaction;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.internal.StatementLog;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's bulk path of {@link InteractionRepository#recordAll}: the events written into
 * {@code interaction} with binary {@code COPY}, up to {@value #ROWS_PER_COPY} at a time, so that
 * the database judges each batch as one statement: each row's foreign keys, then the score trigger
 * once over all of them (the pairs upserted in key order). A batch is read from the caller's
 * iterator before its {@code COPY} starts, so the iterator may itself use the connection (library
 * calls that join the same transaction). Only this class touches the PostgreSQL driver: a service
 * on H2 never loads it.
 */
final class PostgresInteractionCopy {

    /** Rows per COPY: a few megabytes of data, one score update for all of them. */
    static final int ROWS_PER_COPY = 50_000;
    /** One row: field count, then four fields each with its length: two bigints, a smallint, a timestamptz. */
    private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 8) + (4 + 2) + (4 + 8);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** The signature, no flags, no header extension. */
    private static final int HEADER_BYTES = SIGNATURE.length + 4 + 4;
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private PostgresInteractionCopy() {
    }

    /** Whether the connection (through any pool wrappers) is PostgreSQL's and can COPY. */
    static boolean canCopy(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /**
     * Copies every event into {@code interaction} and returns how many rows went in. Each COPY runs
     * under the library's statement timeout, if one is set (a COPY is no JDBC statement that the
     * driver could time): set for the transaction around it, then put back.
     */
    static long copy(DSLContext dsl, Connection connection, Iterator<InteractionEvent> events, Map<String, Short> typeIds)
            throws SQLException {
        Integer timeout = dsl.settings().getQueryTimeout() != null && dsl.settings().getQueryTimeout() > 0
                ? dsl.settings().getQueryTimeout() : null;
        String sql = dsl.render(DSL.sql("COPY {0} ({1}, {2}, {3}, {4}) FROM STDIN (FORMAT binary)", INTERACTION,
                DSL.name(INTERACTION.CUSTOMER_ID.getName()), DSL.name(INTERACTION.PRODUCT_ID.getName()),
                DSL.name(INTERACTION.TYPE_ID.getName()), DSL.name(INTERACTION.OCCURRED_AT.getName())));
        ByteBuffer batch = ByteBuffer.allocate(HEADER_BYTES + ROWS_PER_COPY * ROW_BYTES + 2);
        long copied = 0;
        while (events.hasNext()) {
            batch.clear();
            batch.put(SIGNATURE).putInt(0).putInt(0);
            for (int rows = 0; rows < ROWS_PER_COPY && events.hasNext(); rows++) {
                InteractionEvent event = Validation.required("events[" + (copied + rows) + "]", events.next());
                Short type = typeIds.get(event.type());
                if (type == null) {
                    throw new NotFoundException("interaction type", event.type());
                }
                Instant at = event.at();
                batch.putShort((short) 4)
                        .putInt(8).putLong(event.customerId())
                        .putInt(8).putLong(event.productId())
                        .putInt(2).putShort(type)
                        // rounded to the microsecond as the driver rounds the INSERT path's values (the carry adds up)
                        .putInt(8).putLong((at.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (at.getNano() + 500) / 1_000);
            }
            batch.putShort((short) -1); // end of data
            String previousTimeout = timeout == null ? null : statementTimeout(connection, timeout + "s");
            long started = System.nanoTime();
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                copy.writeToCopy(batch.array(), 0, batch.position());
                long rows = copy.endCopy();
                StatementLog.copied(dsl.configuration(), sql, rows, System.nanoTime() - started);
                copied += rows;
                if (previousTimeout != null) {
                    statementTimeout(connection, previousTimeout); // the caller's transaction may go on
                }
            } catch (SQLException | RuntimeException failure) {
                if (copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    } catch (SQLException cancelling) {
                        failure.addSuppressed(cancelling);
                    }
                }
                throw failure;
            }
        }
        return copied;
    }

    /** Sets the transaction's statement timeout; returns the one it replaces. */
    private static String statementTimeout(Connection connection, String value) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT current_setting('statement_timeout') AS replaced, set_config('statement_timeout', ?, true)")) {
            set.setString(1, value);
            try (ResultSet rs = set.executeQuery()) {
                rs.next();
                return rs.getString("replaced");
            }
        }
    }
}
