package org.ecommerce.queries;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
     * Hands every row of {@code query} (SQL with its values written in) to {@code row}, in order,
     * on {@code connection}, which must be in auto-commit mode and is left so.
     */
    static void forEach(Connection connection, String query, Consumer<String[]> row) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'UTC'");
            }
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + query + ") TO STDOUT");
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                row.accept(columns(line));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The columns of one line of COPY's text format, {@code null} for {@code \N}. */
    static String[] columns(byte[] line) {
        List<String> columns = new ArrayList<>(16);
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        int start = 0;
        boolean escapes = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || line[i] == '\t') {
                columns.add(escapes ? unescape(line, start, i) : new String(line, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
                escapes = false;
            } else if (line[i] == '\\') {
                escapes = true;
                i++; // the escaped byte is never a separator
            }
        }
        return columns.toArray(String[]::new);
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
