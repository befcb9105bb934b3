package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SETTING;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.schema.Engine;
import org.jooq.Field;

/**
 * Writes the accepted rows with plain INSERTs, so that every trigger of the schema fires as for
 * any other writer: nothing is bypassed. What the triggers do shapes the order of the writes:
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
    Map<ShopTable, Integer> write() throws SQLException {
        interactionTypes();
        recommendationSetting();
        insert(ShopTable.CUSTOMER_TABLE, Map.of());
        insert(ShopTable.BRAND_TABLE, Map.of());
        insert(ShopTable.CATEGORY_TABLE, parentsFirst(files.accepted(ShopTable.CATEGORY_TABLE)), Map.of());
        Map<Long, Integer> sold = unitsSold();
        insert(ShopTable.PRODUCT_TABLE, Map.of(PRODUCT.STOCK,
                row -> row.get(PRODUCT.STOCK) + sold.getOrDefault(row.get(PRODUCT.ID), 0)));
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
            long max = files.accepted(table).stream().mapToLong(r -> ((Number) r.get(id)).longValue()).max().orElse(0);
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
    private void recommendationScores() throws SQLException {
        if (files.accepted(ShopTable.RECOMMENDATION_SCORE_TABLE).isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM recommendation_score");
        }
        insert(ShopTable.RECOMMENDATION_SCORE_TABLE, Map.of());
    }

    private void interactionTypes() throws SQLException {
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
            sold.merge(line.get(ORDER_LINE.PRODUCT_ID), line.get(ORDER_LINE.QUANTITY), Integer::sum);
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
                    update.add(deduction, deduction, order.get(ORDERS.ID));
                }
            }
        }
    }

    /** Each return in id order: inserted pending, given its lines, moved to its status. */
    private void returns() throws SQLException {
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
                    execute(close, ShopTable.ORDER_RETURN_TABLE);
                }
            }
        }
    }

    /** Sets each product whose stock differs from the export (units restocked by completed returns) to its exported stock. */
    private void exportedStock() throws SQLException {
        try (Batch update = new Batch("UPDATE product SET stock = ? WHERE id = ? AND stock <> ?", ShopTable.PRODUCT_TABLE)) {
            for (ImportRow product : files.accepted(ShopTable.PRODUCT_TABLE)) {
                update.add(product.get(PRODUCT.STOCK), product.get(PRODUCT.ID), product.get(PRODUCT.STOCK));
            }
        }
    }

    private void insert(ShopTable table, Map<Field<?>, Function<ImportRow, Object>> replaced) throws SQLException {
        insert(table, files.accepted(table), replaced);
    }

    /** Inserts {@code rows} (ordered by primary key unless already ordered) with some values {@code replaced}. */
    private void insert(ShopTable table, List<ImportRow> rows, Map<Field<?>, Function<ImportRow, Object>> replaced)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        ImportRow first = rows.get(0);
        List<Field<?>> columns = table.columns().stream().filter(first::has).toList();
        String sql = "INSERT INTO " + table.sqlName() + " ("
                + String.join(", ", columns.stream().map(Field::getName).toList()) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<ImportRow> ordered = table == ShopTable.CATEGORY_TABLE || rows.size() == 1 ? rows : byPrimaryKey(table, rows);
        try (Batch insert = new Batch(sql, table)) {
            Object[] values = new Object[columns.size()];
            for (ImportRow row : ordered) {
                for (int i = 0; i < values.length; i++) {
                    Field<?> column = columns.get(i);
                    Function<ImportRow, Object> replacement = replaced.get(column);
                    values[i] = replacement != null ? replacement.apply(row) : row.get(column);
                }
                insert.add(values);
                progress.step(1);
            }
        }
        written.merge(table, rows.size(), Integer::sum);
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

    /** A statement run in batches of {@value #BATCH}; a refusal names the table's file. */
    private final class Batch implements AutoCloseable {

        private final PreparedStatement statement;
        private final ShopTable table;
        private int pending;

        Batch(String sql, ShopTable table) throws SQLException {
            this.statement = connection.prepareStatement(sql);
            this.table = table;
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            pending = 0;
            try {
                statement.executeBatch();
            } catch (BatchUpdateException e) {
                // PostgreSQL puts the real reason in the chained exception
                throw refused(table, e.getNextException() != null ? e.getNextException() : e);
            } catch (SQLException e) {
                throw refused(table, e);
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

    private static SQLException refused(ShopTable table, SQLException cause) {
        return new SQLException(table.fileName() + ": the database refused a row: " + cause.getMessage(), cause.getSQLState(), cause);
    }

    private void execute(PreparedStatement statement, ShopTable table) throws SQLException {
        try {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw refused(table, e);
        }
    }
}
