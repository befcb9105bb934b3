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
        List<String> columns = new ArrayList<>();
        ByteArrayOutputStream column = new ByteArrayOutputStream(64);
        boolean escaped = false;
        boolean isNull = false;
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        for (int i = 0; i < end; i++) {
            byte b = line[i];
            if (escaped) {
                escaped = false;
                switch (b) {
                    case 'N' -> isNull = true;
                    case 't' -> column.write('\t');
                    case 'n' -> column.write('\n');
                    case 'r' -> column.write('\r');
                    case 'b' -> column.write('\b');
                    case 'f' -> column.write('\f');
                    case 'v' -> column.write(0x0B);
                    default -> column.write(b); // \\ and any other escaped byte stand for themselves
                }
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\t') {
                columns.add(isNull ? null : column.toString(StandardCharsets.UTF_8));
                column.reset();
                isNull = false;
            } else {
                column.write(b);
            }
        }
        columns.add(isNull ? null : column.toString(StandardCharsets.UTF_8));
        return columns.toArray(String[]::new);
    }

    /** A {@code timestamp with time zone} printed in UTC ({@code 2025-03-01 12:00:00.123456+00}). */
    static Instant instant(String text) {
        int offset = text.lastIndexOf('+');
        if (offset < 0 || !text.substring(offset).equals("+00")) {
            throw new IllegalStateException("not a UTC time stamp: " + text);
        }
        return LocalDateTime.parse(text.substring(0, offset).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
