package org.ecommerce.queries;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a query read as PostgreSQL's {@code COPY (query) TO STDOUT (FORMAT binary)} stream,
 * one row at a time: how a result of millions of rows is read in bounded memory <em>and</em> with
 * the parallel plan PostgreSQL gives the query when it runs to completion at once (a cursor, the
 * other way to read in bounded memory, runs without parallel workers).
 *
 * <p>Binary rather than text: the server skips the text conversion of every number and time stamp
 * (the leader process does it for all rows, alone), and the client reads fixed-size integers
 * instead of parsing digits, so on the order history of benchmark 3 (2 010 000 lines) binary is
 * faster than text both for the server writing the copy and for a client reading it. The format
 * is described in PostgreSQL's {@code COPY} reference ("Binary Format"); each message of the
 * stream holds exactly one row, the first also the header. Only this class touches the
 * PostgreSQL driver, and only on a PostgreSQL connection.
 */
final class PostgresCopyRows {

    private PostgresCopyRows() {
    }

    /**
     * Hands every row of {@code query} (SQL with its values written in, {@code columns} columns) to
     * {@code row}, in order, on {@code connection}. The {@link Line} handed over is one object,
     * moved to the next row after each call: read what is needed of it during the call, never keep it.
     */
    static void forEach(Connection connection, String query, int columns, Consumer<Line> row) throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)");
        try {
            Line line = new Line(columns);
            byte[] bytes = copy.readFromCopy();
            int at = bytes == null ? 0 : Line.afterHeader(bytes);
            while (bytes != null && line.at(bytes, at)) {
                row.accept(line);
                bytes = copy.readFromCopy();
                at = 0;
            }
            if (bytes == null || copy.readFromCopy() != null) {
                throw new IllegalStateException("the COPY stream did not end with its trailer");
            }
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy(); // a row that could not be read: stop the server sending the rest
                } catch (SQLException cancelled) {
                    e.addSuppressed(cancelled);
                }
            }
            throw e;
        }
    }

    /**
     * One row of the binary COPY format: a 16-bit column count, then per column a 32-bit length
     * ({@code -1} for null) and that many bytes, every integer big-endian. Its columns are decoded
     * only when asked for: of a row of the order history most columns repeat the row before (the
     * customer's name, the order's totals) and are read once per customer or order, not once per
     * line. One object serves every row of a read ({@link #at}), two million for the order history.
     */
    static final class Line {

        /** {@code PGCOPY\n\377\r\n\0}: the first bytes of every binary COPY stream. */
        private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
        /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for binary time stamps. */
        private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
        private static final int NUMERIC_POSITIVE = 0x0000;
        private static final int NUMERIC_NEGATIVE = 0x4000;
        private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

        private final int columns;
        /** Per column, where its bytes start in {@code bytes}, and how many there are ({@code -1}: null). */
        private final int[] starts;
        private final int[] lengths;
        private byte[] bytes;

        /** A row of {@code columns} columns, to be given its bytes by {@link #at}. */
        Line(int columns) {
            this.columns = columns;
            starts = new int[columns];
            lengths = new int[columns];
        }

        /** Where the first row starts in the stream's first message, after the header, checked. */
        static int afterHeader(byte[] message) {
            if (message.length < SIGNATURE.length + 8
                    || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new IllegalStateException("not a binary COPY stream");
            }
            if ((int32(message, SIGNATURE.length) & 1 << 16) != 0) {
                throw new IllegalStateException("a binary COPY stream with OIDs");
            }
            return SIGNATURE.length + 8 + int32(message, SIGNATURE.length + 4); // flags, extension length, extension
        }

        /**
         * This line, now holding the row that starts at {@code from} in {@code message}; false if
         * {@code message} holds the stream's trailer instead of a row.
         */
        boolean at(byte[] message, int from) {
            int count = int16(message, from);
            if (count == -1) {
                return false;
            }
            if (count != columns) {
                throw new IllegalStateException(count + " columns where " + columns + " were expected");
            }
            bytes = message;
            int at = from + 2;
            for (int column = 0; column < columns; column++) {
                int length = int32(message, at);
                at += 4;
                starts[column] = at;
                lengths[column] = length;
                at += Math.max(length, 0);
            }
            if (at != message.length) {
                throw new IllegalStateException("a row of " + message.length + " bytes where its columns take " + at);
            }
            return true;
        }

        /** Whether the column is SQL NULL. */
        boolean isNull(int column) {
            return lengths[column] < 0;
        }

        /** A text column, {@code null} for SQL NULL. */
        String text(int column) {
            return isNull(column) ? null : new String(bytes, starts[column], lengths[column], StandardCharsets.UTF_8);
        }

        /** An integer column ({@code smallint}, {@code integer} or {@code bigint}) that is not null. */
        long number(int column) {
            int at = starts[column];
            return switch (lengths[column]) {
                case 8 -> (long) int32(bytes, at) << 32 | int32(bytes, at + 4) & 0xFFFF_FFFFL;
                case 4 -> int32(bytes, at);
                case 2 -> int16(bytes, at);
                default -> throw new IllegalStateException("not an integer: " + lengths[column] + " bytes");
            };
        }

        /**
         * A {@code numeric} column that is not null ({@code -12.34}), as its unscaled value at
         * {@code scale} decimals: {@code -1234} for scale 2. A value with more decimals than
         * {@code scale}, more digits than a {@code long} holds, or NaN or infinity is refused.
         *
         * <p>On the wire: a count of base-10 000 digits, the weight of the first (its power of
         * 10 000), a sign, the display scale, then the digits, 16 bits each.
         */
        long unscaled(int column, int scale) {
            int at = starts[column];
            int digits = int16(bytes, at);
            int weight = int16(bytes, at + 2);
            int sign = int16(bytes, at + 4) & 0xFFFF;
            int displayScale = int16(bytes, at + 6);
            if (sign != NUMERIC_POSITIVE && sign != NUMERIC_NEGATIVE) {
                throw new IllegalStateException("not a finite number (NaN or infinity)");
            }
            if (displayScale > scale) {
                throw new IllegalStateException("more than " + scale + " decimals: " + displayScale);
            }
            long unscaled = 0;
            for (int digit = 0; digit < digits; digit++) {
                unscaled = Math.addExact(Math.multiplyExact(unscaled, 10_000L), int16(bytes, at + 8 + 2 * digit));
            }
            // the last digit stands for 10 000^(weight - digits + 1); the result counts 10^-scale
            int exponent = 4 * (weight - digits + 1) + scale;
            if (digits == 0) {
                return 0;
            } else if (exponent >= 0) {
                unscaled = Math.multiplyExact(unscaled, power(exponent));
            } else {
                long divisor = power(-exponent);
                if (unscaled % divisor != 0) {
                    throw new IllegalStateException("more than " + scale + " decimals");
                }
                unscaled /= divisor;
            }
            return sign == NUMERIC_NEGATIVE ? -unscaled : unscaled;
        }

        /**
         * A {@code timestamp with time zone} column that is not null: on the wire, microseconds
         * since 2000-01-01 00:00 UTC, whatever the session's time zone. {@code infinity} is refused.
         */
        Instant instant(int column) {
            if (lengths[column] != 8) {
                throw new IllegalStateException("not a time stamp: " + lengths[column] + " bytes");
            }
            long micros = number(column);
            if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                throw new IllegalStateException("an infinite time stamp");
            }
            return Instant.ofEpochSecond(POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
        }

        private static long power(int exponent) {
            if (exponent >= POWERS_OF_TEN.length) {
                throw new IllegalStateException("more digits than a long holds");
            }
            return POWERS_OF_TEN[exponent];
        }

        private static int int32(byte[] bytes, int at) {
            return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                    | bytes[at + 3] & 0xFF;
        }

        private static int int16(byte[] bytes, int at) {
            return (short) ((bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF);
        }
    }
}
