package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.rules.Rule;
import org.jooq.Field;
import org.jooq.Sequence;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes a file set set-based and lets the database judge every row: the rows of each file go
 * into a staging table of their own (COPY on PostgreSQL, large batches on H2; no constraints, so
 * nothing is refused there), then a few {@code INSERT ... SELECT} and {@code MERGE} statements move
 * them into the shop's tables, where the schema's own constraints and triggers accept or refuse
 * them. No rule is repeated here. When a statement is refused, the rows it moved are bisected by
 * their file line (each attempt behind a savepoint) down to the first row the database refuses
 * after the rows before it; that row becomes a problem naming its file, line and the catalogued
 * rule, leaves the staging table, and the statement goes on with the rows after it. Rows that
 * depend on a refused row are then refused by their own foreign keys.
 *
 * <p>What the triggers do shapes the statements, not what they check:
 * <ul>
 * <li>an order line takes its units from stock, so products are inserted with their exported
 *     stock plus the units their lines in the file sell, and set to their exported stock at the
 *     end (after completed returns have put units back);</li>
 * <li>an order starts with total 0 and its lines add to it; the exported total, deduction and
 *     grand total are then written where they differ, and the database refuses a total that is
 *     not the sum of the lines. With the foreign keys set aside the lines go first and each order
 *     is written once, with its total, which the same rule checks against the lines;</li>
 * <li>a return gets lines only while pending: returns go in waves, the first return of every
 *     order, then the second, ..., each wave inserted pending, given its lines, then moved to its
 *     exported status (a completed one restocks);</li>
 * <li>scores in the file replace those the interactions' trigger derived for the same pairs.</li>
 * </ul>
 * Into a shop that holds data already, the shop's recommendation model is its own: its setting
 * (half-life, decay epoch, retention) and the names and weights of its interaction types stay as
 * they are, the file's types that the shop lacks are added, and the files derived from another
 * setting and other weights (scores, popularity, also-bought) are not loaded; the interactions'
 * trigger derives their scores with the shop's weights, and a rebuild the rest. A type of the file
 * whose id the shop gives another name is refused at its line, as its interactions would count
 * as the shop's type.
 * Ids are kept as in the files: an id the database already holds is refused like any other
 * duplicate. The identity columns then move past the largest id. Interactions may leave out their
 * id (the database assigns it) and name their type instead of giving its id.
 */
final class StagedWriter {

    private static final int H2_BATCH = 5_000;
    private static final int SEND_CHARS = 1 << 16;
    private static final String RANGE = "%RANGE%";
    /** Refusals after which an import that keeps no row stops judging: it is rolled back anyway. */
    static final int PROBLEM_LIMIT = 100;

    private final Connection connection;
    private final Engine engine;
    private final ImportFileSet files;
    private final ImportProblems problems;
    private final Progress progress;
    /** Each staged table's file columns. */
    private final Map<ShopTable, List<Field<?>>> staged = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, Integer> stagedRows = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, Integer> refused = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, Integer> parseRejected = new EnumMap<>(ShopTable.class);
    // the rows the database refused in the current pass over the referenced tables, by table
    private final Map<ShopTable, List<Long>> refusedInPass = new EnumMap<>(ShopTable.class);
    // whether a row was refused by a statement that completes rows an earlier one inserted
    private boolean refusedAfterItsInsert;
    private int waves;
    // PostgreSQL: the files being read, from createStagingTables to dropStagingTables
    private SpooledFiles spooled;
    private boolean keepGoodRows;
    private boolean stopAtFirstRefusal;
    private boolean ordersAfterTheirLines;
    private boolean stopped;
    // whether the shop held data before the import: its recommendation model is then its own
    private boolean intoLiveShop;
    // the file's interaction types that were left out, by id; their interactions are left out too
    private final Set<Long> typesLeftOut = new TreeSet<>();
    // the staged rows that were not written as the shop's own rows stay (live shop), by table
    private final Map<ShopTable, Integer> kept = new EnumMap<>(ShopTable.class);

    StagedWriter(Connection connection, Engine engine, ImportFileSet files, ImportProblems problems, Progress progress) {
        this.connection = connection;
        this.engine = engine;
        this.files = files;
        this.problems = problems;
        this.progress = progress;
    }

    /** Rows written per table (staged less refused). */
    Map<ShopTable, Integer> written() {
        Map<ShopTable, Integer> written = new EnumMap<>(ShopTable.class);
        stagedRows.forEach((table, rows) -> written.put(table, rows - refused.getOrDefault(table, 0)
                - kept.getOrDefault(table, 0)));
        return written;
    }

    /**
     * The files with rows that a shop holding data before the import kept its own of: its
     * recommendation setting and interaction types, and the files derived from them.
     */
    List<ShopTable> notLoaded() {
        return kept.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    /**
     * Whether judging stopped, leaving later rows unjudged: at {@value #PROBLEM_LIMIT} refusals, or
     * at the first after {@link #stopAtFirstRefusal}.
     */
    boolean stopped() {
        return stopped;
    }

    /**
     * Makes the first refused statement stop the writing, without looking for the refused row:
     * for a write that is rolled back and judged again when anything is refused.
     */
    void stopAtFirstRefusal() {
        stopAtFirstRefusal = true;
    }

    /**
     * Writes the order lines before their orders, and each order once, with the total the file
     * gives, which the database checks against the lines already written. Only while the foreign
     * keys are set aside ({@link ForeignKeysSetAside}): with them in place a line needs its order.
     */
    void writeOrdersAfterTheirLines() {
        ordersAfterTheirLines = true;
    }

    /** Whether reading or writing found a problem. */
    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The shop tables this writer writes (those with a file), by SQL name. */
    List<String> tablesWritten() {
        return staged.keySet().stream().map(ShopTable::sqlName).toList();
    }

    /** Rows the database refused, over all files. */
    int refusedRows() {
        return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Rows that reading the files rejected. */
    int readRejected() {
        return parseRejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Creates the staging tables, one per file. On H2 this is DDL, which commits: run it before
     * the import's transaction begins. On PostgreSQL it first starts reading the files on two
     * threads of their own, which {@link #dropStagingTables} stops.
     */
    void createStagingTables() throws SQLException, IOException {
        for (ShopTable table : ShopTable.values()) {
            List<Field<?>> columns = files.columns(table);
            if (columns != null) {
                staged.put(table, columns);
            }
        }
        if (engine == Engine.POSTGRESQL && !staged.isEmpty()) {
            spooled = new SpooledFiles(readingOrder()); // the files are read while the tables are made
        }
        for (ShopTable table : staged.keySet()) {
            List<Field<?>> columns = staged.get(table);
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + stage(table));
                s.execute("CREATE " + (engine == Engine.POSTGRESQL ? "TEMPORARY" : "LOCAL TEMPORARY") + " TABLE "
                        + stage(table) + " AS SELECT CAST(0 AS BIGINT) AS line, CAST(0 AS INTEGER) AS wave, "
                        + columns.stream().map(StagedWriter::stagedColumn).collect(Collectors.joining(", "))
                        + " FROM " + table.sqlName() + " WHERE 1 = 0");
                // rows arrive in wave 0; numberReturnWaves numbers the returns' waves in place
                s.execute("ALTER TABLE " + stage(table) + " ALTER COLUMN wave SET DEFAULT 0");
                if (table == ShopTable.ORDER_LINE_TABLE) {
                    // for the units each product's lines sell: H2 evaluates that grouped join per product
                    s.execute("CREATE INDEX " + stage(table) + "_product ON " + stage(table) + " (product_id)");
                }
                if (table == ShopTable.ORDER_RETURN_TABLE) {
                    // for numbering the returns of each order, and finding a return line's return
                    s.execute("CREATE INDEX " + stage(table) + "_order ON " + stage(table) + " (order_id, id)");
                    s.execute("CREATE INDEX " + stage(table) + "_id ON " + stage(table) + " (id)");
                }
            }
        }
    }

    /** Drops the staging tables (after the transaction), and stops reading the files and deletes what was read of them. */
    void dropStagingTables() throws SQLException, IOException {
        try {
            if (spooled != null) {
                spooled.close();
            }
        } finally {
            for (ShopTable table : staged.keySet()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + stage(table));
                }
            }
        }
    }

    /**
     * The order in which the reader threads read the files: the largest (as a rule the interactions,
     * needed last) first, the others in the order their tables are written.
     */
    private List<ShopTable> readingOrder() throws IOException {
        List<ShopTable> order = new ArrayList<>(staged.keySet().stream().filter(t -> !ImportFileSet.isUnreferenced(t)).toList());
        order.addAll(staged.keySet().stream().filter(ImportFileSet::isUnreferenced).toList());
        ShopTable largest = order.getFirst();
        for (ShopTable table : order) {
            largest = files.bytes(table) > files.bytes(largest) ? table : largest;
        }
        order.remove(largest);
        order.addFirst(largest);
        return order;
    }

    /**
     * Fills the staging tables, then moves their rows into the shop's tables; the caller commits or
     * rolls back. Unless {@code keepGoodRows}, judging stops after {@value #PROBLEM_LIMIT} refusals.
     */
    void write(boolean keepGoodRows) throws SQLException, IOException {
        this.keepGoodRows = keepGoodRows;
        if (engine == Engine.POSTGRESQL) {
            // The statements over staging and transition tables have no statistics to plan with, so
            // their cost is estimated far above what they do, and PostgreSQL would compile them to
            // machine code first: that takes longer than running them (a quarter of a second for the
            // scores of 100 000 interactions). For this transaction only.
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL jit = off");
                // the sorts and groupings of whole files (rows in key order, scores per pair) in memory
                s.execute("SET LOCAL work_mem = '64MB'");
            }
        }
        intoLiveShop = !ShopContents.isEmpty(connection, engine);
        List<ShopTable> referenced = staged.keySet().stream().filter(t -> !ImportFileSet.isUnreferenced(t)).toList();
        List<ShopTable> unreferenced = staged.keySet().stream().filter(ImportFileSet::isUnreferenced).toList();
        // on PostgreSQL the files are being read on two threads of their own (see SpooledFiles)
        // while the connection copies those already read and the database judges their rows; on H2
        // (in this process) each is read when its turn comes
        stage(referenced);
        numberReturnWaves();
        writeReferencedTablesLeavingOutWholeRows();
        if (stopAtFirstRefusal && (stopped || hasProblems())) {
            return; // rolled back and judged again: the other files need not be copied
        }
        stage(unreferenced);
        writeUnreferencedTables();
    }

    /** Fills the staging tables of {@code tables} (on PostgreSQL from the files read) and, on PostgreSQL, analyses them. */
    private void stage(List<ShopTable> tables) throws SQLException, IOException {
        for (ShopTable table : tables) {
            if (spooled != null) {
                spooled.copy(table);
            } else {
                fill(table);
            }
        }
        if (engine == Engine.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                for (ShopTable table : tables) {
                    s.execute("ANALYZE " + stage(table));
                }
            }
        }
    }

    /**
     * Writes the referenced tables so that a row left out leaves nothing of itself behind. Some rows
     * go in by two statements: an insert, then an update that sets what the insert could not yet
     * (a category's parent, an order's totals, a return's final status, a product's final stock).
     * When good rows are kept and such an update refuses a row, the row its insert wrote, and the
     * rows written on it since, are in already: the pass is then undone and run again without every
     * row it refused, so that the rows depending on them are refused by their own foreign keys.
     * Each pass leaves out at least one more row, so the passes end.
     */
    private void writeReferencedTablesLeavingOutWholeRows() throws SQLException {
        while (true) {
            Savepoint start = keepGoodRows ? connection.setSavepoint() : null;
            refusedInPass.clear();
            refusedAfterItsInsert = false;
            writeReferencedTables();
            if (start == null) {
                return;
            }
            if (!refusedAfterItsInsert || stopped) {
                connection.releaseSavepoint(start);
                return;
            }
            // the problems found stay reported; the rows they name leave the staging tables again
            undo(start);
            try (Statement s = connection.createStatement()) {
                for (Map.Entry<ShopTable, List<Long>> rows : refusedInPass.entrySet()) {
                    for (List<Long> some : partition(rows.getValue(), 1_000)) {
                        s.executeUpdate("DELETE FROM " + stage(rows.getKey()) + " WHERE line IN ("
                                + some.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
                    }
                }
            }
        }
    }

    private static <T> List<List<T>> partition(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            parts.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return parts;
    }

    /**
     * Leaves out the card rows (credit and gift) whose payment method was refused: the card goes in
     * first, as its payment method refers to it, and nothing refers from the card to the method.
     */
    private void leaveOutCardsWithoutTheirPaymentMethod() throws SQLException {
        if (!keepGoodRows || !staged.containsKey(ShopTable.PAYMENT_METHOD_TABLE)) {
            return;
        }
        for (ShopTable card : List.of(ShopTable.CREDIT_CARD_TABLE, ShopTable.GIFT_CARD_TABLE)) {
            if (!staged.containsKey(card)) {
                continue;
            }
            String orphans = " FROM " + stage(card) + " s WHERE NOT EXISTS (SELECT 1 FROM payment_method p"
                    + " WHERE p.id = s.payment_method_id)";
            List<Long> lines = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT s.line" + orphans + " ORDER BY s.line")) {
                while (rs.next()) {
                    lines.add(rs.getLong("line"));
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + card.sqlName() + " WHERE payment_method_id IN (SELECT s.payment_method_id"
                        + orphans + ")");
                s.executeUpdate("DELETE FROM " + stage(card) + " WHERE line IN ("
                        + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            }
            for (long line : lines) {
                problems.add(card, new ImportProblem(card.fileName(), line, "payment_method_id",
                        "its payment method (payment_method.csv) was left out"));
                refused.merge(card, 1, Integer::sum);
                refusedInPass.computeIfAbsent(card, t -> new ArrayList<>()).add(line);
            }
        }
    }

    /** Moves the staged rows of the tables others refer to into the shop's tables, each after those it refers to. */
    private void writeReferencedTables() throws SQLException {
        if (intoLiveShop) {
            addInteractionTypesTheShopLacks();
            keepTheShops(ShopTable.RECOMMENDATION_SETTING_TABLE);
        } else {
            // the migrations' seeds: the file's types and setting replace them
            merge(ShopTable.INTERACTION_TYPE_TABLE, List.of("id"));
            merge(ShopTable.RECOMMENDATION_SETTING_TABLE, List.of("id"));
        }
        // an empty password_hash, quoted or not, is a customer without a password yet
        insert(ShopTable.CUSTOMER_TABLE, Map.of("password_hash", "NULLIF(s.password_hash, '')"));
        insert(ShopTable.BRAND_TABLE, Map.of());
        // a category's parent may come later in the file: parents are set once all are in
        insert(ShopTable.CATEGORY_TABLE, Map.of("parent_id", "NULL"));
        update(ShopTable.CATEGORY_TABLE, "id", List.of("parent_id"), "s.parent_id IS NOT NULL");
        if (staged.containsKey(ShopTable.ORDER_LINE_TABLE)) {
            // the units each product's lines sell, summed once for all products
            insert(ShopTable.PRODUCT_TABLE, Map.of("stock", "s.stock + COALESCE(l.sold, 0)"), null,
                    " LEFT JOIN (SELECT product_id, SUM(quantity) AS sold FROM " + stage(ShopTable.ORDER_LINE_TABLE)
                            + " GROUP BY product_id) l ON l.product_id = s.id");
        } else {
            insert(ShopTable.PRODUCT_TABLE, Map.of());
        }
        insert(ShopTable.BASKET_TABLE, Map.of());
        insert(ShopTable.BASKET_LINE_TABLE, Map.of());
        // a payment method refers to its card row, which goes in first
        insert(ShopTable.CREDIT_CARD_TABLE, Map.of());
        insert(ShopTable.GIFT_CARD_TABLE, Map.of());
        insert(ShopTable.PAYMENT_METHOD_TABLE, Map.of());
        leaveOutCardsWithoutTheirPaymentMethod();
        if (ordersAfterTheirLines && hasColumns(ShopTable.ORDERS_TABLE, "total", "grand_total")) {
            insert(ShopTable.ORDER_LINE_TABLE, Map.of());
            insert(ShopTable.ORDERS_TABLE, Map.of());
        } else {
            insert(ShopTable.ORDERS_TABLE, Map.of("total", "0", "grand_total", "0", "deduction", "NULL"));
            insert(ShopTable.ORDER_LINE_TABLE, Map.of());
            // where the file's amounts (those it has) differ from what the lines' trigger set
            List<String> differs = new ArrayList<>();
            if (hasColumns(ShopTable.ORDERS_TABLE, "total")) {
                differs.add("t.total <> s.total");
            }
            if (hasColumns(ShopTable.ORDERS_TABLE, "grand_total")) {
                differs.add("t.grand_total <> s.grand_total");
            }
            if (hasColumns(ShopTable.ORDERS_TABLE, "deduction")) {
                differs.add("s.deduction IS NOT NULL");
            }
            if (!differs.isEmpty()) {
                update(ShopTable.ORDERS_TABLE, "id", List.of("total", "deduction", "grand_total"),
                        "(" + String.join(" OR ", differs) + ")");
            }
        }
        insert(ShopTable.DELIVERY_TABLE, Map.of());
        for (int wave = 0; wave < Math.max(1, waves); wave++) {
            String inWave = "s.wave = " + wave;
            insert(ShopTable.ORDER_RETURN_TABLE, Map.of("status", "'pending'", "closed_at", "NULL"), inWave);
            insert(ShopTable.RETURN_LINE_TABLE, Map.of(), inWave);
            update(ShopTable.ORDER_RETURN_TABLE, "id", List.of("status", "closed_at"), inWave + " AND s.status <> 'pending'");
        }
        update(ShopTable.PRODUCT_TABLE, "id", List.of("stock"), "t.stock <> s.stock");
        insert(ShopTable.REVIEW_TABLE, Map.of());
    }

    /** Moves the staged rows of the tables no shop table refers to into the shop's tables. */
    private void writeUnreferencedTables() throws SQLException {
        leaveOutInteractionsOfTypesLeftOut(ShopTable.INTERACTION_TABLE);
        leaveOutInteractionsOfTypesLeftOut(ShopTable.INTERACTION_FOLDED_TABLE);
        insertInteractions();
        // a folded row carries the epoch and half-life it was decayed with
        insert(ShopTable.INTERACTION_FOLDED_TABLE, Map.of());
        if (intoLiveShop) {
            // derived from another setting and other weights than the shop's
            keepTheShops(ShopTable.RECOMMENDATION_SCORE_TABLE);
            keepTheShops(ShopTable.PRODUCT_POPULARITY_TABLE);
            keepTheShops(ShopTable.PRODUCT_SIMILARITY_TABLE);
            return;
        }
        // the file's scores replace those the interactions' trigger derived: an update of a derived
        // pair (its keys unchanged, so no foreign key is checked again), an insert of the others
        merge(ShopTable.RECOMMENDATION_SCORE_TABLE, List.of("customer_id", "product_id"));
        insert(ShopTable.PRODUCT_POPULARITY_TABLE, Map.of());
        insert(ShopTable.PRODUCT_SIMILARITY_TABLE, Map.of());
    }

    /** A shop holding data keeps its own rows of {@code table}: the file's staged rows are not written. */
    private void keepTheShops(ShopTable table) {
        if (staged.containsKey(table)) {
            kept.put(table, stagedRows.getOrDefault(table, 0));
        }
    }

    /**
     * A shop holding data: adds the file's interaction types whose id it lacks (a taken name is
     * refused by its unique key), keeps its own types as they are, and leaves out a type of the
     * file that has an id of the shop's under another name, with the interactions of that type.
     */
    private void addInteractionTypesTheShopLacks() throws SQLException {
        ShopTable types = ShopTable.INTERACTION_TYPE_TABLE;
        if (!staged.containsKey(types)) {
            return;
        }
        String renamed = " FROM " + stage(types) + " s JOIN interaction_type t ON t.id = s.id WHERE t.name <> s.name";
        List<Long> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT s.line, s.id, t.name" + renamed + " ORDER BY s.line")) {
            while (rs.next()) {
                lines.add(rs.getLong("line"));
                typesLeftOut.add(rs.getLong("id"));
                problems.add(types, new ImportProblem(types.fileName(), rs.getLong("line"), "name",
                        "the shop's interaction type " + rs.getLong("id") + " is named " + rs.getString("name")
                                + "; a shop that holds data keeps its types, and this type's interactions would count as"
                                + " that one (give them by type name instead)"));
                refused.merge(types, 1, Integer::sum);
                refusedInPass.computeIfAbsent(types, t -> new ArrayList<>()).add(rs.getLong("line"));
            }
        }
        if (!lines.isEmpty()) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + stage(types) + " WHERE line IN ("
                        + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            }
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) AS n FROM " + stage(types) + " s WHERE EXISTS"
                     + " (SELECT 1 FROM interaction_type t WHERE t.id = s.id)")) {
            rs.next();
            kept.put(types, rs.getInt("n"));
        }
        insert(types, Map.of(), "NOT EXISTS (SELECT 1 FROM interaction_type t WHERE t.id = s.id)");
    }

    /** Leaves out the rows of {@code table} whose type was left out ({@link #addInteractionTypesTheShopLacks}). */
    private void leaveOutInteractionsOfTypesLeftOut(ShopTable table) throws SQLException {
        if (!keepGoodRows || typesLeftOut.isEmpty() || !hasColumns(table, "type_id")) {
            // without keepGoodRows the import is rolled back for the type's problem anyway
            return;
        }
        String ofThoseTypes = " FROM " + stage(table) + " WHERE type_id IN ("
                + typesLeftOut.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT line" + ofThoseTypes + " ORDER BY line")) {
            while (rs.next()) {
                problems.add(table, new ImportProblem(table.fileName(), rs.getLong("line"), "type_id",
                        "its interaction type (interaction_type.csv) was left out"));
                refused.merge(table, 1, Integer::sum);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE" + ofThoseTypes);
        }
    }

    /**
     * Moves each identity column past the largest id in its table, so that the next row the
     * library inserts gets a new id. On PostgreSQL inside the import's transaction, before its
     * commit; on H2 after it, as there it is DDL, which would commit.
     */
    void moveIdentitiesPastLoadedIds() throws SQLException {
        for (ShopTable table : staged.keySet()) {
            String sequence = engine == Engine.POSTGRESQL ? idSequence(connection, table) : null;
            if (table.hasIdentity()) {
                String id = table.table().getIdentity().getField().getName();
                movePast(table, id, sequence, "ALTER TABLE " + table.sqlName() + " ALTER COLUMN " + id);
            } else if (table.idSequence().isPresent()) {
                movePast(table, "id", sequence, "ALTER SEQUENCE " + table.idSequence().get().getName());
            }
        }
    }

    /**
     * Refuses, before anything is written, an import whose role could not move the id sequences
     * of the files' tables past the imported ids (the next id the library takes would be one of
     * them): on PostgreSQL it needs UPDATE and SELECT on each sequence, on H2 the right to alter the tables
     * (an administrator, or the schema's owner). The application role of a service has neither;
     * the role that migrated the schema has both.
     *
     * @throws SQLException (SQLSTATE 42501) naming what the role lacks
     */
    static void checkMayMoveIdentities(Connection connection, Engine engine, ImportFileSet files) throws SQLException {
        List<String> lacking = new ArrayList<>();
        if (engine == Engine.POSTGRESQL) {
            for (ShopTable table : ShopTable.values()) {
                String sequence = files.hasFile(table) ? idSequence(connection, table) : null;
                if (sequence == null) {
                    continue;
                }
                // setval needs UPDATE; reading where the sequence stands, SELECT
                try (PreparedStatement may = connection.prepareStatement("SELECT has_sequence_privilege(?, 'UPDATE')"
                        + " AND has_sequence_privilege(?, 'SELECT') AS may_move")) {
                    may.setString(1, sequence);
                    may.setString(2, sequence);
                    try (ResultSet rs = may.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean("may_move")) {
                            lacking.add(sequence);
                        }
                    }
                }
            }
        } else {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER)"
                         + " OR (SELECT SCHEMA_OWNER FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = CURRENT_SCHEMA) = CURRENT_USER"
                         + " AS may_alter")) {
                if (!rs.next() || !rs.getBoolean("may_alter")) {
                    lacking.add("the right to alter the tables (an administrator, or the schema's owner)");
                }
            }
        }
        if (!lacking.isEmpty()) {
            String lacks = engine == Engine.POSTGRESQL ? "UPDATE and SELECT on the sequences " + String.join(", ", lacking)
                    : lacking.getFirst();
            throw new SQLException("this role may not move the id sequences past the imported ids, which the next rows would"
                    + " take again; it lacks " + lacks + ". Import as the role that migrated the schema. Nothing was written.",
                    "42501");
        }
    }

    /** Moves {@code sequence} (restarted on H2 by {@code alterH2}) past the largest {@code id} of {@code table}. */
    private void movePast(ShopTable table, String id, String sequence, String alterH2) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                s.execute("SELECT setval('" + sequence + "', GREATEST((SELECT COALESCE(MAX(" + id + "), 0) FROM "
                        + table.sqlName() + "), (SELECT last_value FROM " + sequence + ")))");
            } else {
                long max;
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + id + "), 0) AS max_id FROM " + table.sqlName())) {
                    rs.next();
                    max = rs.getLong("max_id");
                }
                if (max > 0) {
                    s.execute(alterH2 + " RESTART WITH " + (max + 1));
                }
            }
        }
    }

    /**
     * PostgreSQL: the sequence that numbers the table's ids, schema-qualified for an identity column
     * (its own sequence) and by name for the ids drawn from a shared one; null if the table has none.
     */
    private static String idSequence(Connection connection, ShopTable table) throws SQLException {
        if (!table.hasIdentity()) {
            return table.idSequence().map(Sequence::getName).orElse(null);
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?) AS sequence_name")) {
            s.setString(1, table.sqlName());
            s.setString(2, table.table().getIdentity().getField().getName());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString("sequence_name");
            }
        }
    }

    // ---- staging -------------------------------------------------------------------------------

    /** H2: streams a file's readable rows into its staging table, each with its line; nothing is held in memory. */
    private void fill(ShopTable table) throws SQLException, IOException {
        List<Field<?>> columns = staged.get(table);
        try (BatchSink sink = new BatchSink(table, columns)) {
            int[] count = new int[1];
            int[] rejected = new int[1];
            files.stream(table, problems, row -> {
                if (row.rejected()) {
                    rejected[0]++;
                } else {
                    sink.add(row);
                    count[0]++;
                    progress.step(1);
                }
            });
            parseRejected.put(table, rejected[0]);
            stagedRows.put(table, count[0]);
        }
    }

    /**
     * Numbers the staged returns' waves: a return's wave is how many returns of its order come
     * before it by id, a return line's is its return's (0 for a return the database already holds).
     */
    private void numberReturnWaves() throws SQLException {
        if (!staged.containsKey(ShopTable.ORDER_RETURN_TABLE)) {
            return;
        }
        String returns = stage(ShopTable.ORDER_RETURN_TABLE);
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE " + returns + " SET wave = (SELECT COUNT(*) FROM " + returns + " o WHERE o.order_id = "
                    + returns + ".order_id AND o.id < " + returns + ".id)");
            if (staged.containsKey(ShopTable.RETURN_LINE_TABLE)) {
                String lines = stage(ShopTable.RETURN_LINE_TABLE);
                s.executeUpdate("UPDATE " + lines + " SET wave = COALESCE((SELECT MIN(r.wave) FROM " + returns
                        + " r WHERE r.id = " + lines + ".return_id), 0)");
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(wave), -1) + 1 AS waves FROM " + returns)) {
                rs.next();
                waves = rs.getInt("waves");
            }
        }
    }

    /** A staged row as a line of PostgreSQL's CSV format: its file line, then its columns. */
    private static void appendRow(StringBuilder csv, ImportRow row, List<Field<?>> columns) {
        csv.append(row.line());
        for (Field<?> column : columns) {
            csv.append(',');
            appendCsv(csv, row.get(column));
        }
        csv.append('\n');
    }

    /** The COPY statement that fills {@code table}'s staging table from CSV. */
    private String copyStatement(ShopTable table, List<Field<?>> columns) {
        return "COPY " + stage(table) + " (line, " + names(columns, "") + ") FROM STDIN (FORMAT csv)";
    }

    /**
     * PostgreSQL: the files, read in the order given on two threads of their own, each into a
     * temporary file of COPY data (owner-only, deleted on close), while the connection copies and
     * writes the tables read before. Each file's reading keeps its problems to itself; {@link #copy}
     * hands them over with the rows.
     */
    private final class SpooledFiles implements AutoCloseable {

        /** A file read: its COPY data, its rows and their problems. */
        private record Spooled(Path data, int rows, int rejected, ImportProblems problems) {
        }

        // two readers: the next file is read while the one before is, and the interactions (the
        // longest) need not hold up the scores
        private final ExecutorService reader = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "import-reader");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<ShopTable, Future<Spooled>> spooled = new EnumMap<>(ShopTable.class);
        private final List<Path> data = new ArrayList<>();

        SpooledFiles(List<ShopTable> tables) throws IOException {
            try {
                for (ShopTable table : tables) {
                    Path file = Files.createTempFile("import-" + table.sqlName(), ".csv");
                    data.add(file);
                    spooled.put(table, reader.submit(() -> spool(table, file)));
                }
            } catch (IOException | RuntimeException e) {
                close(); // the readers started and the files made so far
                throw e;
            }
        }

        private Spooled spool(ShopTable table, Path file) throws IOException, SQLException {
            List<Field<?>> columns = staged.get(table);
            ImportProblems own = new ImportProblems();
            int[] counts = new int[2];
            StringBuilder csv = new StringBuilder();
            // WRITE without CREATE: a file deleted by close() is not made again by a late reader
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                files.stream(table, own, row -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new UncheckedIOException(new InterruptedIOException("the import stopped reading " + table.fileName()));
                    }
                    if (row.rejected()) {
                        counts[1]++;
                        return;
                    }
                    appendRow(csv, row, columns);
                    counts[0]++;
                    if (csv.length() >= SEND_CHARS) {
                        write(out, csv);
                    }
                });
                write(out, csv);
            }
            return new Spooled(file, counts[0], counts[1], own);
        }

        private static void write(Writer out, StringBuilder csv) {
            try {
                out.append(csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            csv.setLength(0);
        }

        /** Waits for {@code table}'s file to be read, then sends its COPY data to the staging table. */
        void copy(ShopTable table) throws SQLException, IOException {
            Spooled read;
            try {
                read = spooled.get(table).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + table.fileName(), e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case UncheckedIOException io -> throw io.getCause();
                    case SQLException sql -> throw sql;
                    case RuntimeException runtime -> throw runtime;
                    default -> throw new IOException(e.getCause());
                }
            }
            problems.addAll(read.problems());
            parseRejected.put(table, read.rejected());
            try (InputStream in = Files.newInputStream(read.data())) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement(table, staged.get(table)), in, SEND_CHARS);
            }
            Files.delete(read.data()); // copied: the temporary space goes back as the import goes on
            stagedRows.put(table, read.rows());
            progress.step(read.rows());
        }

        @Override
        public void close() throws IOException {
            reader.shutdownNow();
            try {
                reader.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Path file : data) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** H2: batched INSERTs into the staging table. */
    private final class BatchSink implements AutoCloseable {
        private final List<Field<?>> columns;
        private final PreparedStatement insert;
        private int pending;

        BatchSink(ShopTable table, List<Field<?>> columns) throws SQLException {
            this.columns = columns;
            this.insert = connection.prepareStatement("INSERT INTO " + stage(table) + " (line, " + names(columns, "")
                    + ") VALUES (?" + ", ?".repeat(columns.size()) + ")");
        }

        void add(ImportRow row) throws SQLException {
            insert.setLong(1, row.line());
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 2, row.get(columns.get(i)));
            }
            insert.addBatch();
            if (++pending == H2_BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }

    // ---- the statements the database judges ------------------------------------------------------

    private void insert(ShopTable table, Map<String, String> replaced) throws SQLException {
        insert(table, replaced, null);
    }

    private void insert(ShopTable table, Map<String, String> replaced, String condition) throws SQLException {
        insert(table, replaced, condition, "");
    }

    /**
     * {@code INSERT INTO table SELECT ... FROM its staging table s}, in primary-key order; {@code join}
     * adds the tables that {@code replaced} values read beside {@code s}.
     */
    private void insert(ShopTable table, Map<String, String> replaced, String condition, String join) throws SQLException {
        List<Field<?>> columns = staged.get(table);
        if (columns == null) {
            return;
        }
        String values = columns.stream().map(c -> replaced.getOrDefault(c.getName(), "s." + c.getName()))
                .collect(Collectors.joining(", "));
        // a file that leaves out an identity key is written in file order, the database numbering the rows
        String order = columns.containsAll(table.primaryKey())
                ? table.primaryKey().stream().map(c -> "s." + c.getName()).collect(Collectors.joining(", "))
                : "s.line";
        run(table, "INSERT INTO " + table.sqlName() + " (" + names(columns, "") + ") SELECT " + values + " FROM "
                + stage(table) + " s" + join + " WHERE " + RANGE + (condition == null ? "" : " AND " + condition) + " ORDER BY " + order);
    }

    /**
     * Writes the interactions; a file that names each interaction's type (column {@code type})
     * gets its type's id in the same statement. A name no type has leaves {@code type_id} NULL,
     * which the column refuses, and the row is reported as an unknown type.
     */
    private void insertInteractions() throws SQLException {
        List<Field<?>> columns = staged.get(ShopTable.INTERACTION_TABLE);
        if (columns == null || !columns.contains(ShopTable.INTERACTION_TYPE_NAME)) {
            insert(ShopTable.INTERACTION_TABLE, Map.of());
            return;
        }
        String targets = columns.stream().map(c -> c.equals(ShopTable.INTERACTION_TYPE_NAME) ? "type_id" : c.getName())
                .collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> c.equals(ShopTable.INTERACTION_TYPE_NAME) ? "t.id" : "s." + c.getName())
                .collect(Collectors.joining(", "));
        run(ShopTable.INTERACTION_TABLE, "INSERT INTO interaction (" + targets + ") SELECT " + values + " FROM "
                + stage(ShopTable.INTERACTION_TABLE) + " s LEFT JOIN interaction_type t ON t.name = s."
                + ShopTable.INTERACTION_TYPE_NAME.getName() + " WHERE " + RANGE + " ORDER BY s.line");
    }

    /** Whether the file of {@code table} has every one of {@code columns}. */
    private boolean hasColumns(ShopTable table, String... columns) {
        List<Field<?>> present = staged.get(table);
        return present != null && List.of(columns).stream().allMatch(c -> present.stream().anyMatch(f -> f.getName().equals(c)));
    }

    /** Sets {@code columns} of the rows whose {@code key} a staged row shares, where {@code condition} holds. */
    private void update(ShopTable table, String key, List<String> columns, String condition) throws SQLException {
        if (!staged.containsKey(table)) {
            return;
        }
        List<String> present = columns.stream().filter(c -> staged.get(table).stream().anyMatch(f -> f.getName().equals(c))).toList();
        if (present.isEmpty()) {
            return;
        }
        int refusedBefore = refusedRows();
        run(table, "MERGE INTO " + table.sqlName() + " t USING (SELECT * FROM " + stage(table) + " s WHERE " + RANGE
                + ") s ON (t." + key + " = s." + key + ") WHEN MATCHED AND " + condition + " THEN UPDATE SET "
                + present.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", ")));
        refusedAfterItsInsert |= refusedRows() > refusedBefore;
    }

    /**
     * Updates the rows whose {@code keys} the database holds already (the migrations' seeds, the
     * scores derived from the interactions), inserts the others.
     */
    private void merge(ShopTable table, List<String> keys) throws SQLException {
        List<Field<?>> columns = staged.get(table);
        if (columns == null) {
            return;
        }
        List<Field<?>> others = columns.stream().filter(c -> !keys.contains(c.getName())).toList();
        run(table, "MERGE INTO " + table.sqlName() + " t USING (SELECT * FROM " + stage(table) + " s WHERE " + RANGE
                + ") s ON (" + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND ")) + ")"
                + (others.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET "
                        + others.stream().map(c -> c.getName() + " = s." + c.getName()).collect(Collectors.joining(", ")))
                + " WHEN NOT MATCHED THEN INSERT (" + names(columns, "") + ") VALUES (" + names(columns, "s.") + ")");
    }

    /**
     * Runs {@code sql} over all staged rows of {@code table}; if the database refuses it, finds
     * each refused row by bisection, reports it, removes it from the staging table and runs the
     * statement over the rows after it.
     */
    private void run(ShopTable table, String sql) throws SQLException {
        if (stopped || attempt(sql, "1 = 1") == null) {
            return;
        }
        if (stopAtFirstRefusal) {
            stopped = true;
            return;
        }
        long[] lines = stagedLines(table);
        int from = 0;
        while (from < lines.length) {
            if (!keepGoodRows && refusedRows() >= PROBLEM_LIMIT) {
                stopped = true;
                return;
            }
            if (attempt(sql, range(lines[from], lines[lines.length - 1])) == null) {
                return;
            }
            // rows [from, failing] fail together, rows [from, passing) pass
            int passing = from;
            int failing = lines.length - 1;
            while (passing < failing) {
                int mid = (passing + failing) >>> 1;
                if (trial(sql, range(lines[from], lines[mid]))) {
                    passing = mid + 1;
                } else {
                    failing = mid;
                }
            }
            if (failing > from && attempt(sql, range(lines[from], lines[failing - 1])) != null) {
                throw new IllegalStateException("rows that passed in a trial were refused when written");
            }
            SQLException refusal = attempt(sql, range(lines[failing], lines[failing]));
            if (refusal != null) {
                problems.add(table, problemOf(table, lines[failing], refusal));
                refused.merge(table, 1, Integer::sum);
                refusedInPass.computeIfAbsent(table, t -> new ArrayList<>()).add(lines[failing]);
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate("DELETE FROM " + stage(table) + " WHERE line = " + lines[failing]);
                }
            }
            from = failing + 1;
        }
    }

    /** Runs the statement over the rows in {@code range} behind a savepoint: kept if it passes, undone and returned if refused. */
    private SQLException attempt(String sql, String range) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(sql.replace(RANGE, range));
            connection.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            undo(savepoint);
            return e;
        }
    }

    /** Whether the database would accept the statement over {@code range}; undone either way. */
    private boolean trial(String sql, String range) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(sql.replace(RANGE, range));
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            undo(savepoint);
        }
    }

    /**
     * Rolls back to the savepoint, then releases it: PostgreSQL keeps a savepoint rolled back to,
     * and each later one would nest inside it, a subtransaction deeper per attempt, until the
     * server runs out of lock slots (a few thousand refused rows).
     */
    private void undo(Savepoint savepoint) throws SQLException {
        connection.rollback(savepoint);
        connection.releaseSavepoint(savepoint);
    }

    private long[] stagedLines(ShopTable table) throws SQLException {
        List<Long> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT line FROM " + stage(table) + " ORDER BY line")) {
            while (rs.next()) {
                lines.add(rs.getLong(1));
            }
        }
        return lines.stream().mapToLong(Long::longValue).toArray();
    }

    private static String range(long from, long to) {
        return "s.line BETWEEN " + from + " AND " + to;
    }

    /**
     * The refusal as a problem of the row: for an interaction given by its type's name, a missing
     * type id means that no type has the name; otherwise as {@link #problem}.
     */
    private ImportProblem problemOf(ShopTable table, long line, SQLException refusal) {
        if (table == ShopTable.INTERACTION_TABLE && staged.get(table).contains(ShopTable.INTERACTION_TYPE_NAME)
                && "23502".equals(refusal.getSQLState())) {
            return new ImportProblem(table.fileName(), line, ShopTable.INTERACTION_TYPE_NAME.getName(),
                    "no interaction type has this name (see interaction_type.csv or the database's interaction_type table)");
        }
        return problem(table, line, refusal);
    }

    /**
     * The database's refusal as a problem of the row: the catalogued rule's columns (or its name)
     * and its guarantee; a refusal that is no catalogued rule (a primary key, a value out of a
     * column's range) in the database's own words, without the values it may quote.
     */
    static ImportProblem problem(ShopTable table, long line, SQLException refusal) {
        Optional<Rule> rule = ErrorTranslator.ruleOf(refusal);
        if (rule.isPresent()) {
            Rule r = rule.get();
            String field = r.columns().isEmpty() ? r.databaseName() : String.join(", ", r.columns());
            return new ImportProblem(table.fileName(), line, field, r.guarantee());
        }
        // 21000: a MERGE met a second row of the file with the key of a row it had written
        if ("23505".equals(refusal.getSQLState()) || "21000".equals(refusal.getSQLState())) {
            return new ImportProblem(table.fileName(), line, table.primaryKey().stream().map(Field::getName)
                    .collect(Collectors.joining(", ")), "a row with this key is in the database already, or earlier in this file");
        }
        // 22003 on PostgreSQL, 22003 or 22004 (with the column's name) on H2
        if (refusal.getSQLState() != null && refusal.getSQLState().matches("2200[34]") && table == ShopTable.PRODUCT_TABLE) {
            return new ImportProblem(table.fileName(), line, "stock", "with the units its lines in order_line.csv sold it is"
                    + " more than the column holds; the import loads a product with its stock plus the units its order lines"
                    + " then take away");
        }
        String field = "row";
        String message = String.valueOf(refusal.getMessage());
        if (refusal instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            field = server.getColumn() != null ? server.getColumn() : field;
            message = server.getMessage();
        }
        int end = message.indexOf('\n');
        return new ImportProblem(table.fileName(), line, field, "the database refused the row: "
                + (end < 0 ? message : message.substring(0, end)));
    }

    private static String stage(ShopTable table) {
        return "import_" + table.sqlName();
    }

    /** A staging table's column: the target table's own, or a text for the interaction type's name. */
    private static String stagedColumn(Field<?> column) {
        return column.equals(ShopTable.INTERACTION_TYPE_NAME)
                ? "CAST(NULL AS VARCHAR(" + column.getDataType().length() + ")) AS " + column.getName()
                : column.getName();
    }

    private static String names(List<Field<?>> columns, String prefix) {
        return columns.stream().map(c -> prefix + c.getName()).collect(Collectors.joining(", "));
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
            // in UTC: the same instant, and PostgreSQL reads offsets only up to 15:59 where ISO-8601 allows 18:00
            case OffsetDateTime timestamp -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(timestamp.withOffsetSameInstant(ZoneOffset.UTC), csv);
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
}
