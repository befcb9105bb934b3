package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SETTING;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.schema.Engine;
import org.jooq.Field;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * Writes the accepted rows so that every trigger of the schema fires as for any other writer:
 * nothing is bypassed. On PostgreSQL the rows of each table go in one {@code COPY ... FROM STDIN}
 * (which fires row and statement triggers and checks constraints like INSERT), on H2 in batched
 * INSERTs; either way in the import's one transaction, and a refusal names the file and line of
 * the row refused. What the triggers do shapes the order of the writes:
 * <ul>
 * <li>an order line takes its units from stock, so products are loaded with their exported
 *     stock plus the units their lines sold; completed returns then put units back, and each
 *     product whose stock still differs from the export is set to it at the end;</li>
 * <li>an order starts with total 0 and grows with its lines, so orders are inserted with totals
 *     and deduction empty, and the deduction is set after the lines;</li>
 * <li>a return gets lines only while pending, so each return is inserted pending, gets its
 *     lines, then moves to its exported status (a completed one restocks);</li>
 * <li>a review needs an order of the product, so reviews come after the orders.</li>
 * </ul>
 * Explicit ids are loaded as they are; the identity columns then move past the largest id.
 */
final class ImportWriter {

    private static final int BATCH = 500;

    private final Connection connection;
    private final Engine engine;
    private final ImportFileSet files;
    private final Progress progress;
    private final Map<ShopTable, Integer> written = new EnumMap<>(ShopTable.class);

    ImportWriter(Connection connection, Engine engine, ImportFileSet files, Progress progress) {
        this.connection = connection;
        this.engine = engine;
        this.files = files;
        this.progress = progress;
    }

    /** Writes every accepted row (the caller commits) and returns the rows written per table. */
    Map<ShopTable, Integer> write() throws SQLException, IOException {
        interactionTypes();
        recommendationSetting();
        insert(ShopTable.CUSTOMER_TABLE, Map.of());
        insert(ShopTable.BRAND_TABLE, Map.of());
        insert(ShopTable.CATEGORY_TABLE, parentsFirst(files.accepted(ShopTable.CATEGORY_TABLE)), Map.of());
        Map<Long, Integer> sold = unitsSold();
        // the rules refused a product whose stock plus its units sold leaves the column's range
        insert(ShopTable.PRODUCT_TABLE, Map.of(PRODUCT.STOCK,
                row -> Math.addExact(row.get(PRODUCT.STOCK), sold.getOrDefault(row.get(PRODUCT.ID), 0))));
        insert(ShopTable.BASKET_TABLE, Map.of());
        insert(ShopTable.BASKET_LINE_TABLE, Map.of());
        insert(ShopTable.PAYMENT_METHOD_TABLE, Map.of());
        insert(ShopTable.CREDIT_CARD_TABLE, Map.of());
        insert(ShopTable.GIFT_CARD_TABLE, Map.of());
        insert(ShopTable.ORDERS_TABLE, Map.of(ORDERS.TOTAL, row -> BigDecimal.ZERO, ORDERS.GRAND_TOTAL, row -> BigDecimal.ZERO,
                ORDERS.DEDUCTION, row -> null));
        insert(ShopTable.ORDER_LINE_TABLE, Map.of());
        deductions();
        insert(ShopTable.DELIVERY_TABLE, Map.of());
        returns();
        exportedStock();
        insert(ShopTable.REVIEW_TABLE, Map.of());
        insert(ShopTable.INTERACTION_TABLE, Map.of());
        recommendationScores();
        insert(ShopTable.PRODUCT_POPULARITY_TABLE, Map.of());
        insert(ShopTable.PRODUCT_SIMILARITY_TABLE, Map.of());
        return written;
    }

    /**
     * Moves each identity column past the largest id loaded, so that the next row the library
     * inserts gets a new id. Runs after the commit: on H2 it is DDL, which would commit anyway.
     */
    void moveIdentitiesPastLoadedIds() throws SQLException {
        for (ShopTable table : ShopTable.values()) {
            if (!table.hasIdentity()) {
                continue;
            }
            Field<?> id = table.table().getIdentity().getField();
            long max = files.maxAcceptedId(table, id);
            if (max == 0) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                if (engine == Engine.POSTGRESQL) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + table.sqlName() + "', '" + id.getName() + "'), "
                            + "GREATEST(" + max + ", (SELECT COALESCE(MAX(" + id.getName() + "), 1) FROM " + table.sqlName() + ")))");
                } else {
                    s.execute("ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + id.getName() + " RESTART WITH " + (max + 1));
                }
            }
        }
    }

    /** The migrations seed the interaction types: a file's row updates its seed or adds a new type. */
    /**
     * The one-row decay setting exists from the migrations: the exported values replace it, before
     * any interaction is loaded, so that the score trigger decays against the exported epoch.
     */
    private void recommendationSetting() throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE recommendation_setting SET half_life_seconds = ?, decay_epoch_seconds = ? WHERE id = ?")) {
            for (ImportRow row : files.accepted(ShopTable.RECOMMENDATION_SETTING_TABLE)) {
                update.setLong(1, row.get(RECOMMENDATION_SETTING.HALF_LIFE_SECONDS));
                update.setLong(2, row.get(RECOMMENDATION_SETTING.DECAY_EPOCH_SECONDS));
                update.setShort(3, row.get(RECOMMENDATION_SETTING.ID));
                update.executeUpdate();
                written.merge(ShopTable.RECOMMENDATION_SETTING_TABLE, 1, Integer::sum);
            }
        }
    }

    /**
     * Loading the interactions has made the database derive their scores (the interaction trigger);
     * when the export carries scores, they replace the derived ones, so that the table is exactly
     * as exported (including the effects of a rebuild or a weight change made before the export).
     */
    private void recommendationScores() throws SQLException, IOException {
        if (files.acceptedCount(ShopTable.RECOMMENDATION_SCORE_TABLE) == 0) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM recommendation_score");
        }
        insert(ShopTable.RECOMMENDATION_SCORE_TABLE, Map.of());
    }

    private void interactionTypes() throws SQLException, IOException {
        Map<Long, List<Object>> existing = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, weight FROM interaction_type")) {
            while (rs.next()) {
                existing.put(rs.getLong(1), List.of(rs.getString(2), rs.getBigDecimal(3)));
            }
        }
        List<ImportRow> inserts = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE interaction_type SET name = ?, weight = ? WHERE id = ?")) {
            for (ImportRow row : files.accepted(ShopTable.INTERACTION_TYPE_TABLE)) {
                List<Object> seeded = existing.get(row.get(INTERACTION_TYPE.ID).longValue());
                if (seeded == null) {
                    inserts.add(row);
                } else {
                    if (!seeded.get(0).equals(row.get(INTERACTION_TYPE.NAME))
                            || ((BigDecimal) seeded.get(1)).compareTo(row.get(INTERACTION_TYPE.WEIGHT)) != 0) {
                        update.setString(1, row.get(INTERACTION_TYPE.NAME));
                        update.setBigDecimal(2, row.get(INTERACTION_TYPE.WEIGHT));
                        update.setShort(3, row.get(INTERACTION_TYPE.ID));
                        update.executeUpdate();
                    }
                    progress.step(1);
                    written.merge(ShopTable.INTERACTION_TYPE_TABLE, 1, Integer::sum);
                }
            }
        }
        insert(ShopTable.INTERACTION_TYPE_TABLE, inserts, Map.of());
    }

    private Map<Long, Integer> unitsSold() {
        Map<Long, Integer> sold = new HashMap<>();
        for (ImportRow line : files.accepted(ShopTable.ORDER_LINE_TABLE)) {
            sold.merge(line.get(ORDER_LINE.PRODUCT_ID), line.get(ORDER_LINE.QUANTITY), Math::addExact);
        }
        return sold;
    }

    /** The deduction of each order that has one, now that its lines made its total. */
    private void deductions() throws SQLException {
        try (Batch update = new Batch("UPDATE orders SET deduction = ?, grand_total = total - ? WHERE id = ?",
                ShopTable.ORDERS_TABLE)) {
            for (ImportRow order : files.accepted(ShopTable.ORDERS_TABLE)) {
                BigDecimal deduction = order.get(ORDERS.DEDUCTION);
                if (deduction != null) {
                    update.add(order.line(), deduction, deduction, order.get(ORDERS.ID));
                }
            }
        }
    }

    /** Each return in id order: inserted pending, given its lines, moved to its status. */
    private void returns() throws SQLException, IOException {
        Map<Long, List<ImportRow>> linesByReturn = ImportFileSet.linesByReturn(files.accepted(ShopTable.RETURN_LINE_TABLE));
        List<ImportRow> returns = ImportFileSet.byId(files.accepted(ShopTable.ORDER_RETURN_TABLE), ORDER_RETURN.ID);
        try (PreparedStatement close = connection.prepareStatement(
                "UPDATE order_return SET status = ?, closed_at = ? WHERE id = ?")) {
            for (ImportRow ret : returns) {
                insert(ShopTable.ORDER_RETURN_TABLE, List.of(ret), Map.of(
                        ORDER_RETURN.STATUS, row -> "pending", ORDER_RETURN.CLOSED_AT, row -> null));
                insert(ShopTable.RETURN_LINE_TABLE, linesByReturn.getOrDefault(ret.get(ORDER_RETURN.ID), List.of()), Map.of());
                if (!"pending".equals(ret.get(ORDER_RETURN.STATUS))) {
                    close.setString(1, ret.get(ORDER_RETURN.STATUS));
                    close.setObject(2, ret.get(ORDER_RETURN.CLOSED_AT));
                    close.setLong(3, ret.get(ORDER_RETURN.ID));
                    execute(close, ShopTable.ORDER_RETURN_TABLE, ret.line());
                }
            }
        }
    }

    /** Sets each product whose stock differs from the export (units restocked by completed returns) to its exported stock. */
    private void exportedStock() throws SQLException {
        try (Batch update = new Batch("UPDATE product SET stock = ? WHERE id = ? AND stock <> ?", ShopTable.PRODUCT_TABLE)) {
            for (ImportRow product : files.accepted(ShopTable.PRODUCT_TABLE)) {
                update.add(product.line(), product.get(PRODUCT.STOCK), product.get(PRODUCT.ID), product.get(PRODUCT.STOCK));
            }
        }
    }

    private void insert(ShopTable table, Map<Field<?>, Function<ImportRow, Object>> replaced)
            throws SQLException, IOException {
        if (ImportFileSet.isStreamed(table)) {
            insertStreamed(table);
        } else {
            insert(table, files.accepted(table), replaced);
        }
    }

    /** Inserts {@code rows} (ordered by primary key unless already ordered) with some values {@code replaced}. */
    private void insert(ShopTable table, List<ImportRow> rows, Map<Field<?>, Function<ImportRow, Object>> replaced)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        ImportRow first = rows.get(0);
        List<Field<?>> columns = table.columns().stream().filter(first::has).toList();
        List<ImportRow> ordered = table == ShopTable.CATEGORY_TABLE || rows.size() == 1 ? rows : byPrimaryKey(table, rows);
        try (RowWriter insert = rowWriter(table, columns)) {
            Object[] values = new Object[columns.size()];
            for (ImportRow row : ordered) {
                for (int i = 0; i < values.length; i++) {
                    Field<?> column = columns.get(i);
                    Function<ImportRow, Object> replacement = replaced.get(column);
                    values[i] = replacement != null ? replacement.apply(row) : row.get(column);
                }
                insert.add(row.line(), values);
                progress.step(1);
            }
        }
        written.merge(table, rows.size(), Integer::sum);
    }

    /** Inserts a streamed table's accepted rows as its file is read again, in file order: none is held. */
    private void insertStreamed(ShopTable table) throws SQLException, IOException {
        if (files.acceptedCount(table) == 0) {
            return;
        }
        RowWriter[] insert = new RowWriter[1];
        Object[][] values = new Object[1][];
        List<List<Field<?>>> columns = new ArrayList<>(1);
        int[] count = new int[1];
        try {
            files.streamAccepted(table, row -> {
                if (insert[0] == null) {
                    columns.add(table.columns().stream().filter(row::has).toList());
                    insert[0] = rowWriter(table, columns.get(0));
                    values[0] = new Object[columns.get(0).size()];
                }
                for (int i = 0; i < values[0].length; i++) {
                    values[0][i] = row.get(columns.get(0).get(i));
                }
                insert[0].add(row.line(), values[0]);
                count[0]++;
                progress.step(1);
            });
        } finally {
            if (insert[0] != null) {
                insert[0].close();
            }
        }
        written.merge(table, count[0], Integer::sum);
    }

    /** COPY on PostgreSQL, batched INSERTs elsewhere, into {@code columns} of {@code table}. */
    private RowWriter rowWriter(ShopTable table, List<Field<?>> columns) throws SQLException {
        String names = String.join(", ", columns.stream().map(Field::getName).toList());
        if (engine == Engine.POSTGRESQL) {
            return new Copy("COPY " + table.sqlName() + " (" + names + ") FROM STDIN (FORMAT csv)", table);
        }
        return new Batch("INSERT INTO " + table.sqlName() + " (" + names + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", table);
    }

    private static List<ImportRow> byPrimaryKey(ShopTable table, List<ImportRow> rows) {
        List<? extends Field<?>> key = table.primaryKey();
        Comparator<ImportRow> order = null;
        for (Field<?> column : key) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparator<ImportRow> byColumn = Comparator.comparing(r -> (Comparable) r.get(column));
            order = order == null ? byColumn : order.thenComparing(byColumn);
        }
        List<ImportRow> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return sorted;
    }

    /** Categories ordered so that each parent is written before its children (the rules ruled out cycles). */
    private static List<ImportRow> parentsFirst(List<ImportRow> categories) {
        Map<Long, ImportRow> byId = new HashMap<>();
        categories.forEach(c -> byId.put(c.get(CATEGORY.ID), c));
        List<ImportRow> ordered = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        for (ImportRow category : ImportFileSet.byId(categories, CATEGORY.ID)) {
            List<ImportRow> chain = new ArrayList<>();
            for (ImportRow c = category; c != null && !placed.contains(c.get(CATEGORY.ID)); ) {
                chain.add(0, c);
                placed.add(c.get(CATEGORY.ID));
                c = c.get(CATEGORY.PARENT_ID) == null ? null : byId.get(c.get(CATEGORY.PARENT_ID));
            }
            ordered.addAll(chain);
        }
        return ordered;
    }

    /** Where a table's rows go, each with the line of its file, so that a refusal can name it. */
    @FunctionalInterface
    private interface RowWriter extends AutoCloseable {

        /** Sends a row; {@code values} may be reused by the caller once this returns. */
        void add(long line, Object... values) throws SQLException;

        /** Sends what is still pending. */
        @Override
        default void close() throws SQLException {
        }
    }

    /**
     * A statement run in batches of {@value #BATCH}; a refusal names the table's file and the
     * line of the row refused.
     */
    private final class Batch implements RowWriter {

        private final PreparedStatement statement;
        private final ShopTable table;
        private final long[] lines = new long[BATCH];
        private int pending;

        Batch(String sql, ShopTable table) throws SQLException {
            this.statement = connection.prepareStatement(sql);
            this.table = table;
        }

        @Override
        public void add(long line, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            lines[pending++] = line;
            if (pending == BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            int sent = pending;
            pending = 0;
            try {
                statement.executeBatch();
            } catch (BatchUpdateException e) {
                // PostgreSQL puts the real reason in the chained exception
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                int failed = firstFailed(e.getUpdateCounts(), sent);
                throw refused(table, failed >= 0 ? lines[failed] : 0, cause);
            } catch (SQLException e) {
                throw refused(table, sent == 1 ? lines[0] : 0, e);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                statement.close();
            }
        }
    }

    /**
     * The index of the statement of a batch that failed: the first marked as failed (H2 runs them
     * all), or the first without a count (a driver that stops at the failure); -1 if unknown.
     */
    private static int firstFailed(int[] counts, int sent) {
        if (counts == null) {
            return -1;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                return i;
            }
        }
        return counts.length < sent ? counts.length : -1;
    }

    /**
     * PostgreSQL: the rows of one table sent with {@code COPY ... FROM STDIN} in CSV, in the
     * import's transaction. COPY fires the table's triggers and checks its constraints as INSERT
     * does. The rows go in chunks of {@value #CHUNK_ROWS}, one COPY each behind a savepoint, and
     * each chunk's CSV text is kept until its COPY succeeds: AFTER triggers (the score trigger, the
     * foreign keys) run at the end of the COPY, when the server no longer says which data line
     * failed, so on a refusal the chunk is rolled back to its savepoint and bisected with smaller
     * COPYs to find the first row refused, and the refusal names that row's file and line.
     */
    private final class Copy implements RowWriter {

        private static final int CHUNK_ROWS = 50_000;
        private static final int SEND_CHARS = 1 << 16;
        private static final Pattern DATA_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

        private final String sql;
        private final ShopTable table;
        private final CopyManager copyManager;
        /** The chunk's rows as CSV, row i ending at rowEnds[i]; sent up to {@link #sentChars}. */
        private final StringBuilder chunk = new StringBuilder();
        private final int[] rowEnds = new int[CHUNK_ROWS];
        private final long[] lines = new long[CHUNK_ROWS];
        private int rows;
        private int sentChars;
        private CopyIn copy;
        private Savepoint savepoint;

        Copy(String sql, ShopTable table) throws SQLException {
            this.sql = sql;
            this.table = table;
            this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        }

        @Override
        public void add(long line, Object... values) throws SQLException {
            if (copy == null) {
                savepoint = connection.setSavepoint();
                copy = copyManager.copyIn(sql);
            }
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    chunk.append(',');
                }
                appendCsv(chunk, values[i]);
            }
            chunk.append('\n');
            lines[rows] = line;
            rowEnds[rows++] = chunk.length();
            if (chunk.length() - sentChars >= SEND_CHARS) {
                try {
                    send(copy, sentChars, chunk.length());
                    sentChars = chunk.length();
                } catch (SQLException e) {
                    throw failed(e);
                }
            }
            if (rows == CHUNK_ROWS) {
                endChunk();
            }
        }

        @Override
        public void close() throws SQLException {
            if (copy != null) {
                endChunk();
            }
        }

        private void endChunk() throws SQLException {
            try {
                send(copy, sentChars, chunk.length());
                copy.endCopy();
            } catch (SQLException e) {
                throw failed(e);
            }
            connection.releaseSavepoint(savepoint);
            copy = null;
            chunk.setLength(0);
            rows = 0;
            sentChars = 0;
        }

        private void send(CopyIn to, int from, int until) throws SQLException {
            if (until > from) {
                byte[] bytes = chunk.substring(from, until).getBytes(StandardCharsets.UTF_8);
                to.writeToCopy(bytes, 0, bytes.length);
            }
        }

        /** The refusal of the chunk, with the file line of the row refused when it can be found. */
        private SQLException failed(SQLException e) {
            cancel(copy);
            copy = null;
            Matcher dataLine = DATA_LINE.matcher(where(e));
            try {
                connection.rollback(savepoint);
                if (dataLine.find()) {
                    long n = Long.parseLong(dataLine.group(1));
                    return refused(table, n >= 1 && n <= rows ? lines[(int) n - 1] : 0, e);
                }
                return bisect(e);
            } catch (SQLException again) {
                e.addSuppressed(again);
                return refused(table, 0, e);
            }
        }

        /**
         * Finds the first row of the chunk that the database refuses after the rows before it:
         * rows [0, ok) are written, rows [0, failing) are known to fail. The chunk is rolled back.
         */
        private SQLException bisect(SQLException refusal) throws SQLException {
            int ok = 0;
            int failing = rows;
            SQLException last = refusal;
            while (failing - ok > 1) {
                int mid = (ok + failing) >>> 1;
                SQLException e = tryCopy(ok, mid);
                if (e == null) {
                    ok = mid;
                } else {
                    failing = mid;
                    last = e;
                }
            }
            if (failing == ok + 1) {
                SQLException alone = tryCopy(ok, failing);
                if (alone != null) {
                    return refused(table, lines[ok], alone);
                }
            }
            return refused(table, 0, last);
        }

        /** COPYs rows [from, to) of the chunk behind a savepoint: kept if they pass, rolled back and the refusal returned if not. */
        private SQLException tryCopy(int from, int to) throws SQLException {
            Savepoint attempt = connection.setSavepoint();
            CopyIn part = copyManager.copyIn(sql);
            try {
                send(part, from == 0 ? 0 : rowEnds[from - 1], rowEnds[to - 1]);
                part.endCopy();
                connection.releaseSavepoint(attempt);
                return null;
            } catch (SQLException e) {
                cancel(part);
                connection.rollback(attempt);
                return e;
            }
        }

        private static void cancel(CopyIn copy) {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the chunk is rolled back to its savepoint anyway
                }
            }
        }

        private static String where(SQLException e) {
            String where = e instanceof PSQLException p && p.getServerErrorMessage() != null
                    ? p.getServerErrorMessage().getWhere() : null;
            return where != null ? where : String.valueOf(e.getMessage());
        }
    }

    /** A value as a field of PostgreSQL's CSV format: NULL is an unquoted empty field, texts are always quoted. */
    static void appendCsv(StringBuilder csv, Object value) {
        switch (value) {
            case null -> {
            }
            case BigDecimal decimal -> csv.append(decimal.toPlainString());
            case Long number -> csv.append(number.longValue());
            case Integer number -> csv.append(number.intValue());
            case Short number -> csv.append(number.shortValue());
            case Double number -> csv.append(number.doubleValue());
            case Boolean bool -> csv.append(bool.booleanValue());
            case LocalDate date -> csv.append(date);
            case OffsetDateTime timestamp -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(timestamp, csv);
            default -> {
                String text = value.toString();
                csv.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        csv.append('"');
                    }
                    csv.append(c);
                }
                csv.append('"');
            }
        }
    }

    private static SQLException refused(ShopTable table, long line, SQLException cause) {
        String where = line > 0 ? table.fileName() + ":" + line + ": the database refused the row: "
                : table.fileName() + ": the database refused a row: ";
        return new SQLException(where + cause.getMessage(), cause.getSQLState(), cause);
    }

    private void execute(PreparedStatement statement, ShopTable table, long line) throws SQLException {
        try {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw refused(table, line, e);
        }
    }
}
