package org.ecommerce.queries;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a query read as PostgreSQL's {@code COPY (query) TO STDOUT} text stream, one row at
 * a time: how a result of millions of rows is read in bounded memory <em>and</em> with the
 * parallel plan PostgreSQL gives the query when it runs to completion at once (a cursor, the
 * other way to read in bounded memory, runs without parallel workers).
 *
 * <p>Columns arrive as text in COPY's text format (tab-separated, {@code \N} for null, backslash
 * escapes); time stamps in UTC, as the copy runs with {@code TimeZone = 'UTC'} for its own
 * transaction. Only this class touches the PostgreSQL driver, and only on a PostgreSQL connection.
 */
final class PostgresCopyRows {

    private PostgresCopyRows() {
    }

    /**
     * Hands every row of {@code query} (SQL with its values written in, {@code columns} columns) to
     * {@code row}, in order, on {@code connection}, which must be in auto-commit mode and is left so.
     */
    static void forEach(Connection connection, String query, int columns, Consumer<Line> row) throws SQLException {
        connection.setAutoCommit(false);
        CopyOut copy = null;
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'UTC'");
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                row.accept(new Line(line, columns));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy(); // a row that could not be read: stop the server sending the rest
                } catch (SQLException cancelled) {
                    e.addSuppressed(cancelled);
                }
            }
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * One line of COPY's text format, its columns decoded only when asked for: of a row of the
     * order history most columns repeat the row before (the customer's name, the order's totals)
     * and are read once per customer or order, not once per line.
     */
    static final class Line {

        /** At most this many columns: which have escapes is one bit each of a {@code long}. */
        private static final int MAX_COLUMNS = 64;

        private final byte[] bytes;
        /** Per column, its start (high 32 bits) and end (low 32 bits) in {@code bytes}. */
        private final long[] bounds;
        /** Bit {@code c} set: column {@code c} holds a backslash sequence (an escape or {@code \N}). */
        private long escaped;

        /**
         * Splits {@code bytes}, a line of {@code columns} columns, at its tabs. A line of the order
         * history is split two million times in one read, so the bounds are packed in one array.
         */
        Line(byte[] bytes, int columns) {
            this.bytes = bytes;
            if (columns > MAX_COLUMNS) {
                throw new IllegalArgumentException("more than " + MAX_COLUMNS + " columns");
            }
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
            bounds = new long[columns];
            int count = 0;
            int start = 0;
            boolean escapes = false;
            for (int i = 0; i <= end; i++) {
                if (i == end || bytes[i] == '\t') {
                    if (count == columns) {
                        throw new IllegalStateException("more than the " + columns + " columns expected");
                    }
                    bounds[count] = (long) start << 32 | i;
                    if (escapes) {
                        escaped |= 1L << count;
                    }
                    count++;
                    start = i + 1;
                    escapes = false;
                } else if (bytes[i] == '\\') {
                    escapes = true;
                    i++; // the escaped byte is never a separator
                }
            }
            if (count != columns) {
                throw new IllegalStateException(count + " columns where " + columns + " were expected");
            }
        }

        private int start(int column) {
            return (int) (bounds[column] >>> 32);
        }

        private int end(int column) {
            return (int) bounds[column];
        }

        private boolean escaped(int column) {
            return (escaped & 1L << column) != 0;
        }

        /** The column's text, {@code null} for SQL NULL. */
        String text(int column) {
            return escaped(column) ? unescape(bytes, start(column), end(column))
                    : new String(bytes, start(column), end(column) - start(column), StandardCharsets.UTF_8);
        }

        /** Whether the column is SQL NULL. */
        boolean isNull(int column) {
            return escaped(column) && end(column) - start(column) == 2 && bytes[start(column) + 1] == 'N';
        }

        /** A decimal column ({@code -12.34}), read from its digits; {@code null} for SQL NULL. */
        BigDecimal decimal(int column) {
            if (isNull(column)) {
                return null;
            }
            int i = start(column);
            int end = end(column);
            if (end - i > 18) { // more digits than a long holds: the slow way
                return new BigDecimal(text(column));
            }
            boolean negative = bytes[i] == '-';
            long unscaled = 0;
            int scale = 0;
            boolean fraction = false;
            for (i = negative ? i + 1 : i; i < end; i++) {
                if (bytes[i] == '.') {
                    fraction = true;
                } else {
                    unscaled = unscaled * 10 + (bytes[i] - '0');
                    scale += fraction ? 1 : 0;
                }
            }
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }

        /** An integer column, read from its digits; {@code null} for SQL NULL. */
        Long longValue(int column) {
            if (isNull(column)) {
                return null;
            }
            int i = start(column);
            boolean negative = bytes[i] == '-';
            long value = 0;
            for (i = negative ? i + 1 : i; i < end(column); i++) {
                value = value * 10 + (bytes[i] - '0');
            }
            return negative ? -value : value;
        }
    }

    /** A column with backslash sequences: {@code \N} alone is null; COPY TO writes no octal or hex ones. */
    private static String unescape(byte[] line, int from, int to) {
        if (to - from == 2 && line[from + 1] == 'N') {
            return null;
        }
        ByteArrayOutputStream column = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 == to) {
                column.write(b);
                continue;
            }
            byte escaped = line[++i];
            column.write(switch (escaped) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 0x0B;
                default -> escaped; // \\ and any other escaped byte stand for themselves
            });
        }
        return column.toString(StandardCharsets.UTF_8);
    }

    /**
     * A {@code timestamp with time zone} as COPY prints it in UTC with the default ISO date style:
     * {@code 2025-03-01 12:00:00.123456+00} (fraction optional), read without a formatter: it is
     * read a million times for the order history.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 22 || text.charAt(4) != '-' || text.charAt(10) != ' ' || !text.endsWith("+00")) {
            throw new IllegalStateException("not a UTC time stamp in ISO style: " + text);
        }
        int nanos = 0;
        int end = length - 3;
        if (end > 19) { // ".f" to ".ffffff"
            int digits = end - 20;
            nanos = Integer.parseInt(text, 20, end, 10);
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                Integer.parseInt(text, 8, 10, 10), Integer.parseInt(text, 11, 13, 10), Integer.parseInt(text, 14, 16, 10),
                Integer.parseInt(text, 17, 19, 10), nanos).toInstant(ZoneOffset.UTC);
    }
}
