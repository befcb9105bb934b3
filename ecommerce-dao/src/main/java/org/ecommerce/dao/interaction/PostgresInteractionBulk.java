package org.ecommerce.dao.interaction;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.internal.LibrarySchema;
import org.ecommerce.dao.internal.StatementLog;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's bulk path of {@link InteractionRepository#recordAll}: the events go into
 * {@code interaction} up to {@value #ROWS_PER_BATCH} at a time, each batch one statement, so that
 * the score trigger runs once over all of its rows (the pairs upserted in key order).
 *
 * <p>Where the calling role may use the schema's loader ({@code interaction_load_usable()}), a
 * batch is sent as four arrays to {@code interaction_load()}, which checks the interactions'
 * foreign keys once per batch (each referred row locked as the key would lock it) instead of once
 * per row; otherwise it is written with binary {@code COPY}, every key checked per row. A batch is
 * read from the caller's iterator before it is sent, so the iterator may itself use the connection
 * (library calls that join the same transaction). Only this class touches the PostgreSQL driver: a
 * service on H2 never loads it.
 */
final class PostgresInteractionBulk {

    /** Rows per batch: a few megabytes of data, one score update for all of them. */
    static final int ROWS_PER_BATCH = 50_000;
    /** One row of binary COPY: field count, then four fields each with its length: two bigints, a smallint, a timestamptz. */
    private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 8) + (4 + 2) + (4 + 8);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** The signature, no flags, no header extension. */
    private static final int HEADER_BYTES = SIGNATURE.length + 4 + 4;
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private PostgresInteractionBulk() {
    }

    /** Whether the connection (through any pool wrappers) is PostgreSQL's. */
    static boolean canBulk(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /** One batch of events, by column. */
    private static final class Batch {
        final long[] customers = new long[ROWS_PER_BATCH];
        final long[] products = new long[ROWS_PER_BATCH];
        final short[] types = new short[ROWS_PER_BATCH];
        final long[] micros = new long[ROWS_PER_BATCH];
        int size;

        /** Reads up to a batch of events; {@code before} is how many earlier batches held (for the error's index). */
        Batch read(Iterator<InteractionEvent> events, Map<String, Short> typeIds, long before) {
            size = 0;
            while (size < ROWS_PER_BATCH && events.hasNext()) {
                InteractionEvent event = Validation.required("events[" + (before + size) + "]", events.next());
                Short type = typeIds.get(event.type());
                if (type == null) {
                    throw new NotFoundException("interaction type", event.type());
                }
                Instant at = event.at();
                customers[size] = event.customerId();
                products[size] = event.productId();
                types[size] = type;
                // rounded to the microsecond as the driver rounds the INSERT path's values (the carry adds up)
                micros[size] = (at.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (at.getNano() + 500) / 1_000;
                size++;
            }
            return this;
        }
    }

    /**
     * Writes every event into {@code interaction} and returns how many rows went in, each batch
     * under the library's statement timeout, if one is set.
     */
    static long write(DSLContext dsl, Connection connection, Iterator<InteractionEvent> events, Map<String, Short> typeIds)
            throws SQLException {
        Integer timeout = dsl.settings().getQueryTimeout() != null && dsl.settings().getQueryTimeout() > 0
                ? dsl.settings().getQueryTimeout() : null;
        String schema = LibrarySchema.of(dsl);
        boolean load = loaderUsable(dsl, connection, schema, timeout);
        String loadSql = "SELECT " + dsl.render(function(schema, "interaction_load")) + "(?, ?, ?, ?) AS loaded";
        String copySql = dsl.render(DSL.sql("COPY {0} ({1}, {2}, {3}, {4}) FROM STDIN (FORMAT binary)", INTERACTION,
                DSL.name(INTERACTION.CUSTOMER_ID.getName()), DSL.name(INTERACTION.PRODUCT_ID.getName()),
                DSL.name(INTERACTION.TYPE_ID.getName()), DSL.name(INTERACTION.OCCURRED_AT.getName())));
        Batch batch = new Batch();
        ByteBuffer copyData = null;
        long written = 0;
        while (events.hasNext()) {
            batch.read(events, typeIds, written);
            long started = System.nanoTime();
            Long rows = load ? load(connection, loadSql, batch, timeout) : null;
            if (rows != null) {
                StatementLog.bulkWritten(dsl.configuration(), loadSql, rows, System.nanoTime() - started);
            } else {
                // the loader cannot prove its checks (a trigger or key added meanwhile): COPY from here on
                load = false;
                if (copyData == null) {
                    copyData = ByteBuffer.allocate(HEADER_BYTES + ROWS_PER_BATCH * ROW_BYTES + 2);
                }
                started = System.nanoTime();
                rows = copy(connection, copySql, batch, copyData, timeout);
                StatementLog.bulkWritten(dsl.configuration(), copySql, rows, System.nanoTime() - started);
            }
            written += rows;
        }
        return written;
    }

    private static Name function(String schema, String name) {
        return schema == null ? DSL.name(name) : DSL.name(schema, name);
    }

    /** Whether the calling role may load through {@code interaction_load()} (asked once per bulk). */
    private static boolean loaderUsable(DSLContext dsl, Connection connection, String schema, Integer timeout)
            throws SQLException {
        try (PreparedStatement usable = connection.prepareStatement(
                "SELECT " + dsl.render(function(schema, "interaction_load_usable")) + "() AS usable")) {
            if (timeout != null) {
                usable.setQueryTimeout(timeout);
            }
            try (ResultSet rs = usable.executeQuery()) {
                rs.next();
                return rs.getBoolean("usable");
            }
        }
    }

    /** One batch through the loader: how many rows it wrote, or null if it wrote none, unable to prove its checks. */
    private static Long load(Connection connection, String sql, Batch batch, Integer timeout) throws SQLException {
        try (PreparedStatement load = connection.prepareStatement(sql)) {
            if (timeout != null) {
                load.setQueryTimeout(timeout);
            }
            // primitive arrays, which the driver sends as int8[] and int2[] in binary
            PGConnection pg = connection.unwrap(PGConnection.class);
            load.setArray(1, pg.createArrayOf("int8", Arrays.copyOf(batch.customers, batch.size)));
            load.setArray(2, pg.createArrayOf("int8", Arrays.copyOf(batch.products, batch.size)));
            load.setArray(3, pg.createArrayOf("int2", Arrays.copyOf(batch.types, batch.size)));
            load.setArray(4, pg.createArrayOf("int8", Arrays.copyOf(batch.micros, batch.size)));
            try (ResultSet rs = load.executeQuery()) {
                rs.next();
                long loaded = rs.getLong("loaded");
                return rs.wasNull() ? null : loaded;
            }
        }
    }

    /**
     * One batch by binary COPY, under the statement timeout (a COPY is no JDBC statement that the
     * driver could time): set for the transaction around it, then put back.
     */
    private static long copy(Connection connection, String sql, Batch batch, ByteBuffer data, Integer timeout)
            throws SQLException {
        data.clear();
        data.put(SIGNATURE).putInt(0).putInt(0);
        for (int row = 0; row < batch.size; row++) {
            data.putShort((short) 4)
                    .putInt(8).putLong(batch.customers[row])
                    .putInt(8).putLong(batch.products[row])
                    .putInt(2).putShort(batch.types[row])
                    .putInt(8).putLong(batch.micros[row]);
        }
        data.putShort((short) -1); // end of data
        String previousTimeout = timeout == null ? null : statementTimeout(connection, timeout + "s");
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(data.array(), 0, data.position());
            long rows = copy.endCopy();
            if (previousTimeout != null) {
                statementTimeout(connection, previousTimeout); // the caller's transaction may go on
            }
            return rows;
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
