package org.ecommerce.queries;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
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
     * The {@link Line} handed over is one object, moved to the next row after each call: read what
     * is needed of it during the call, never keep it.
     */
    static void forEach(Connection connection, String query, int columns, Consumer<Line> row) throws SQLException {
        connection.setAutoCommit(false);
        CopyOut copy = null;
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'UTC'");
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
            Line line = new Line(columns);
            byte[] bytes;
            while ((bytes = copy.readFromCopy()) != null) {
                row.accept(line.at(bytes));
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
     * One line of COPY's text format, split at its tabs, its columns decoded only when asked for:
     * of a row of the order history most columns repeat the row before (the customer's name, the
     * order's totals) and are read once per customer or order, not once per line. One object
     * serves every line of a read ({@link #at}), which is two million lines for the order history.
     */
    static final class Line {

        /** At most this many columns: which have escapes is one bit each of a {@code long}. */
        private static final int MAX_COLUMNS = 64;

        private final int columns;
        /** Per column, where it starts in {@code bytes}, and where it ends (exclusive). */
        private final int[] starts;
        private final int[] ends;
        private byte[] bytes;
        /** Bit {@code c} set: column {@code c} holds a backslash sequence (an escape or {@code \N}). */
        private long escaped;

        /** A line of {@code columns} columns, to be given its bytes by {@link #at}. */
        Line(int columns) {
            if (columns > MAX_COLUMNS) {
                throw new IllegalArgumentException("more than " + MAX_COLUMNS + " columns");
            }
            this.columns = columns;
            starts = new int[columns];
            ends = new int[columns];
        }

        /** This line, now holding {@code line}, a line of COPY's text, split at its tabs. */
        Line at(byte[] line) {
            bytes = line;
            escaped = 0;
            int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
            int count = 0;
            int start = 0;
            boolean escapes = false;
            for (int i = 0; i <= end; i++) {
                if (i == end || line[i] == '\t') {
                    if (count == columns) {
                        throw new IllegalStateException("more than the " + columns + " columns expected");
                    }
                    starts[count] = start;
                    ends[count] = i;
                    if (escapes) {
                        escaped |= 1L << count;
                    }
                    count++;
                    start = i + 1;
                    escapes = false;
                } else if (line[i] == '\\') {
                    escapes = true;
                    i++; // the escaped byte is never a separator
                }
            }
            if (count != columns) {
                throw new IllegalStateException(count + " columns where " + columns + " were expected");
            }
            return this;
        }

        private boolean escaped(int column) {
            return (escaped & 1L << column) != 0;
        }

        /** The column's text, {@code null} for SQL NULL. */
        String text(int column) {
            return escaped(column) ? unescape(bytes, starts[column], ends[column])
                    : new String(bytes, starts[column], ends[column] - starts[column], StandardCharsets.UTF_8);
        }

        /** Whether the column is SQL NULL. */
        boolean isNull(int column) {
            return escaped(column) && ends[column] - starts[column] == 2 && bytes[starts[column] + 1] == 'N';
        }

        /**
         * A decimal column that is not null ({@code -12.34}), as its unscaled value at
         * {@code scale} decimals: {@code 1234} for scale 2. A column with more decimals than
         * {@code scale}, or more digits than a {@code long} holds, is refused.
         */
        long unscaled(int column, int scale) {
            int i = starts[column];
            int end = ends[column];
            if (end - i > 18) {
                throw new IllegalStateException("more digits than expected: " + text(column));
            }
            boolean negative = bytes[i] == '-';
            long unscaled = 0;
            int decimals = -1; // -1 until the point
            for (i = negative ? i + 1 : i; i < end; i++) {
                if (bytes[i] == '.') {
                    decimals = 0;
                } else {
                    unscaled = unscaled * 10 + (bytes[i] - '0');
                    decimals += decimals >= 0 ? 1 : 0;
                }
            }
            if (decimals > scale) {
                throw new IllegalStateException("more than " + scale + " decimals: " + text(column));
            }
            for (int d = Math.max(decimals, 0); d < scale; d++) {
                unscaled *= 10;
            }
            return negative ? -unscaled : unscaled;
        }

        /** An integer column that is not null. */
        long number(int column) {
            int i = starts[column];
            boolean negative = bytes[i] == '-';
            long value = 0;
            for (i = negative ? i + 1 : i; i < ends[column]; i++) {
                value = value * 10 + (bytes[i] - '0');
            }
            return negative ? -value : value;
        }

        /**
         * A {@code timestamp with time zone} column that is not null, as COPY prints it in UTC with
         * the default ISO date style: {@code 2025-03-01 12:00:00.123456+00} (fraction optional).
         * Read from its digits, without a formatter or a string: it is read a million times for the
         * order history. {@link LocalDate} counts the days and refuses a date that does not exist.
         */
        Instant instant(int column) {
            int at = starts[column];
            int length = ends[column] - at;
            if (length < 22 || bytes[at + 4] != '-' || bytes[at + 10] != ' ' || bytes[at + length - 3] != '+'
                    || bytes[at + length - 2] != '0' || bytes[at + length - 1] != '0') {
                throw new IllegalStateException("not a UTC time stamp in ISO style: " + text(column));
            }
            int nanos = 0;
            if (length > 22) { // ".f" to ".ffffff" before "+00"
                for (int i = at + 20; i < at + 29; i++) {
                    nanos = nanos * 10 + (i < at + length - 3 ? bytes[i] - '0' : 0);
                }
            }
            long days = LocalDate.of(digits(at, 4), digits(at + 5, 2), digits(at + 8, 2)).toEpochDay();
            long seconds = days * 86_400 + digits(at + 11, 2) * 3_600L + digits(at + 14, 2) * 60L + digits(at + 17, 2);
            return Instant.ofEpochSecond(seconds, nanos);
        }

        private int digits(int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                value = value * 10 + (bytes[i] - '0');
            }
            return value;
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
}
