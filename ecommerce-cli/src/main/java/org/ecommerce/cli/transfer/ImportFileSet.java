package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;

import java.io.IOException;
import java.io.InputStream;
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
 * Most tables are read into memory before they are written, so that their return waves can be
 * computed and their problems sorted. The {@linkplain #STREAMED streamed} tables, which no other
 * table refers to (interactions and the recommendation model, the large ones), are never held:
 * their files are read once, as they are written.
 */
final class ImportFileSet {

    /** Tables whose files stream: none of them is referenced by a shop table. */
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

    private final Map<ShopTable, List<ImportRow>> rows = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, Path> streamed = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, List<Field<?>>> columns = new EnumMap<>(ShopTable.class);

    private ImportFileSet() {
    }

    /**
     * Reads every held table's file in {@code directory} and notes the streamed ones. A CSV file
     * that is no table's is a problem (a misnamed file would otherwise be left out without a word).
     */
    static ImportFileSet read(Path directory, ImportProblems problems) throws IOException {
        ImportFileSet set = new ImportFileSet();
        for (ShopTable table : ShopTable.values()) {
            Path file = directory.resolve(table.fileName());
            if (Files.isRegularFile(file)) {
                if (STREAMED.contains(table)) {
                    set.streamed.put(table, file);
                    CsvTableReader reader = new CsvTableReader(table, problems);
                    List<Field<?>> header = reader.columns(file);
                    if (header != null) {
                        set.columns.put(table, header);
                    } else {
                        // reports why the header is unusable; with such a header no row is read
                        reader.read(file, row -> { });
                    }
                } else {
                    List<ImportRow> held = new ArrayList<>();
                    List<Field<?>> header = new CsvTableReader(table, problems).read(file, held::add);
                    set.rows.put(table, held);
                    if (header != null) {
                        set.columns.put(table, header);
                    }
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

    /** The columns the table's file holds, or null if it has no file or an unusable header. */
    List<Field<?>> columns(ShopTable table) {
        return columns.get(table);
    }

    /** Whether {@code table}'s rows stream (see {@link #STREAMED}) rather than being held. */
    static boolean isStreamed(ShopTable table) {
        return STREAMED.contains(table);
    }

    /** A held table's rows in file order, rejected ones included; none for a streamed table. */
    List<ImportRow> rows(ShopTable table) {
        return rows.getOrDefault(table, List.of());
    }

    /** Reads a streamed table's file and hands every row to {@code sink}, rejected ones marked; nothing is held. */
    void stream(ShopTable table, ImportProblems problems, CsvTableReader.RowSink sink) throws IOException, SQLException {
        Path file = streamed.get(table);
        if (file != null) {
            new CsvTableReader(table, problems).stream(file, sink);
        }
    }

    /** About how many rows the files hold: the held rows and the streamed files' lines. */
    long rowEstimate() throws IOException {
        long rows = this.rows.values().stream().mapToLong(List::size).sum();
        for (Path file : streamed.values()) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        rows += buffer[i] == '\n' ? 1 : 0;
                    }
                }
            }
            rows--;
        }
        return Math.max(rows, 0);
    }

    /** How many rows of the held tables were rejected while reading. */
    int rejectedHeldRows() {
        int rejected = 0;
        for (List<ImportRow> list : rows.values()) {
            for (ImportRow row : list) {
                rejected += row.rejected() ? 1 : 0;
            }
        }
        return rejected;
    }

    /** Rows ordered by their id; rows without one (unreadable) last. */
    static List<ImportRow> byId(List<ImportRow> rows, Field<Long> id) {
        List<ImportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(r -> r.get(id), Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }
}
