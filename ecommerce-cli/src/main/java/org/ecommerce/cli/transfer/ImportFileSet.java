package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jooq.Field;
import org.jooq.ForeignKey;

/**
 * The rows of a directory's CSV files, one file per table; a table without a file has no rows.
 * Most tables are held in memory between the checks and the writing, because the rules of other
 * tables look into them. The {@linkplain #STREAMED streamed} tables, which no other table refers
 * to and whose only rules are keys and references (interactions and the recommendation model,
 * the large ones), are never held: their files are read once to check them, keeping only the
 * lines rejected, and once more to write them.
 */
final class ImportFileSet {

    /** Tables whose files stream: none of them is referenced by a shop table, so no rule needs their rows. */
    static final Set<ShopTable> STREAMED = EnumSet.of(ShopTable.INTERACTION_TABLE, ShopTable.RECOMMENDATION_SCORE_TABLE,
            ShopTable.PRODUCT_POPULARITY_TABLE, ShopTable.PRODUCT_SIMILARITY_TABLE);

    static {
        for (ShopTable table : ShopTable.values()) {
            for (ForeignKey<?, ?> reference : table.table().getReferences()) {
                if (STREAMED.contains(ShopTable.of(reference.getKey().getTable()))) {
                    throw new IllegalStateException(table.sqlName() + " refers to a streamed table: it cannot stream");
                }
            }
        }
    }

    /** The key values a database already holds in some columns of a table (the migrations' seeds, or earlier data). */
    @FunctionalInterface
    interface ExistingKeys {
        Set<List<Object>> of(ShopTable table, List<? extends Field<?>> columns);
    }

    /** A streamed table's file and what its check left behind. */
    private static final class StreamedFile {
        final Path path;
        final Set<Long> rejectedLines = new HashSet<>();
        int accepted;
        int rejected;
        long maxId;

        StreamedFile(Path path) {
            this.path = path;
        }
    }

    private final Map<ShopTable, List<ImportRow>> rows = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, StreamedFile> streamed = new EnumMap<>(ShopTable.class);
    private final ExistingKeys existingKeys;
    private final Map<String, Set<List<Object>>> existing = new HashMap<>();

    private ImportFileSet(ExistingKeys existingKeys) {
        this.existingKeys = existingKeys;
    }

    /**
     * Reads every held table's file in {@code directory} and notes the streamed ones. A CSV file
     * that is no table's is a problem (a misnamed file would otherwise be left out without a word).
     *
     * @param existingKeys the keys already in the database, which references may point to as well
     *                     (the interaction types the migrations seed)
     */
    static ImportFileSet read(Path directory, ImportProblems problems, ExistingKeys existingKeys) throws IOException {
        ImportFileSet set = new ImportFileSet(existingKeys);
        for (ShopTable table : ShopTable.values()) {
            Path file = directory.resolve(table.fileName());
            if (Files.isRegularFile(file)) {
                if (STREAMED.contains(table)) {
                    set.streamed.put(table, new StreamedFile(file));
                } else {
                    set.rows.put(table, new CsvTableReader(table, problems).read(file));
                }
            }
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<String> known = Stream.of(ShopTable.values()).map(ShopTable::fileName).toList();
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".csv") && !known.contains(name))
                    .sorted()
                    .forEach(name -> problems.unknownFile(name, known));
        }
        return set;
    }

    /** Whether the directory had a file for {@code table}. */
    boolean hasFile(ShopTable table) {
        return rows.containsKey(table) || streamed.containsKey(table);
    }

    /** Whether {@code table}'s rows stream (see {@link #STREAMED}) rather than being held. */
    static boolean isStreamed(ShopTable table) {
        return STREAMED.contains(table);
    }

    /** A held table's rows in file order, rejected ones included; none for a streamed table. */
    List<ImportRow> rows(ShopTable table) {
        return rows.getOrDefault(table, List.of());
    }

    /** A held table's rows that passed every rule. */
    List<ImportRow> accepted(ShopTable table) {
        if (isStreamed(table)) {
            throw new IllegalArgumentException(table.sqlName() + " streams: its rows are not held");
        }
        return rows(table).stream().filter(r -> !r.rejected()).toList();
    }

    /** How many of the table's rows passed every rule (for a streamed table, once it is checked). */
    int acceptedCount(ShopTable table) {
        StreamedFile file = streamed.get(table);
        return file != null ? file.accepted : (int) rows(table).stream().filter(r -> !r.rejected()).count();
    }

    /** The largest id among the table's accepted rows, 0 if none. */
    long maxAcceptedId(ShopTable table, Field<?> id) {
        StreamedFile file = streamed.get(table);
        if (file != null) {
            return file.maxId;
        }
        return rows(table).stream().filter(r -> !r.rejected())
                .mapToLong(r -> ((Number) r.get(id)).longValue()).max().orElse(0);
    }

    /**
     * Checks a streamed table's file: every row goes to {@code check}, which may reject it; the
     * rejected lines, the counts and the largest accepted id are kept, the rows are not.
     */
    void checkStreamed(ShopTable table, ImportProblems problems, CsvTableReader.RowSink check)
            throws IOException, SQLException {
        StreamedFile file = streamed.get(table);
        if (file == null) {
            return;
        }
        Field<?> id = table.hasIdentity() ? table.table().getIdentity().getField() : null;
        new CsvTableReader(table, problems).stream(file.path, row -> {
            if (!row.rejected()) {
                check.accept(row);
            }
            if (row.rejected()) {
                file.rejectedLines.add(row.line());
                file.rejected++;
            } else {
                file.accepted++;
                if (id != null) {
                    file.maxId = Math.max(file.maxId, ((Number) row.get(id)).longValue());
                }
            }
        });
    }

    /**
     * Reads a checked streamed table's file again and hands its accepted rows to {@code sink}, in
     * file order; nothing is held.
     */
    void streamAccepted(ShopTable table, CsvTableReader.RowSink sink) throws IOException, SQLException {
        StreamedFile file = streamed.get(table);
        if (file == null) {
            return;
        }
        // the problems were reported by the check; this reading only repeats them
        new CsvTableReader(table, new ImportProblems()).stream(file.path, row -> {
            if (!row.rejected() && !file.rejectedLines.contains(row.line())) {
                sink.accept(row);
            }
        });
    }

    /** The keys in {@code columns} of the rows of {@code table} the database already holds (read once). */
    Set<List<Object>> existingKeys(ShopTable table, List<? extends Field<?>> columns) {
        String name = table.sqlName() + columns.stream().map(Field::getName).collect(Collectors.joining(",", "(", ")"));
        return existing.computeIfAbsent(name, k -> existingKeys.of(table, columns));
    }

    /** Rows ordered by their id; rows without one (unreadable) last. */
    static List<ImportRow> byId(List<ImportRow> rows, Field<Long> id) {
        List<ImportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> r.get(id), Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

    /** Return lines grouped by their return, each group ordered by product. */
    static Map<Long, List<ImportRow>> linesByReturn(List<ImportRow> lines) {
        Map<Long, List<ImportRow>> byReturn = new LinkedHashMap<>();
        for (ImportRow line : byId(lines, RETURN_LINE.PRODUCT_ID)) {
            byReturn.computeIfAbsent(line.get(RETURN_LINE.RETURN_ID), k -> new ArrayList<>()).add(line);
        }
        return byReturn;
    }

    /** How many rows passed, and how many were rejected, over all files. */
    int[] counts() {
        int accepted = 0;
        int rejected = 0;
        for (List<ImportRow> list : rows.values()) {
            for (ImportRow row : list) {
                if (row.rejected()) {
                    rejected++;
                } else {
                    accepted++;
                }
            }
        }
        for (StreamedFile file : streamed.values()) {
            accepted += file.accepted;
            rejected += file.rejected;
        }
        return new int[] {accepted, rejected};
    }
}
