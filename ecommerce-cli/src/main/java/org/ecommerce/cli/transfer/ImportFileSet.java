package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jooq.Field;
import org.jooq.ForeignKey;

/**
 * A directory's CSV files, one file per table; a table without a file has no rows. No file is
 * held in memory: each is read once for its header, then streamed row by row as it is written,
 * so the size of an import is bounded by the database, not by the heap.
 */
final class ImportFileSet {

    /**
     * Tables no shop table refers to (interactions, folded ones, and the recommendation model): a file of one
     * of them may leave out an identity key, as no other file can name its rows.
     */
    static final Set<ShopTable> UNREFERENCED = EnumSet.of(ShopTable.INTERACTION_TABLE, ShopTable.INTERACTION_FOLDED_TABLE,
            ShopTable.RECOMMENDATION_SCORE_TABLE,
            ShopTable.PRODUCT_POPULARITY_TABLE, ShopTable.PRODUCT_SIMILARITY_TABLE);

    static {
        for (ShopTable table : ShopTable.values()) {
            for (ForeignKey<?, ?> reference : table.table().getReferences()) {
                if (UNREFERENCED.contains(ShopTable.of(reference.getKey().getTable()))) {
                    throw new IllegalStateException(table.sqlName() + " refers to " + reference.getKey().getTable().getName());
                }
            }
        }
    }

    private final Map<ShopTable, Path> files = new EnumMap<>(ShopTable.class);
    private final Map<ShopTable, List<Field<?>>> columns = new EnumMap<>(ShopTable.class);

    private ImportFileSet() {
    }

    /**
     * Notes the table files of {@code directory} and reads their headers. A CSV file that is no
     * table's is a problem (a misnamed file would otherwise be left out without a word).
     */
    static ImportFileSet read(Path directory, ImportProblems problems) throws IOException {
        ImportFileSet set = new ImportFileSet();
        for (ShopTable table : ShopTable.values()) {
            Path file = directory.resolve(table.fileName());
            if (Files.isRegularFile(file)) {
                set.files.put(table, file);
                CsvTableReader reader = new CsvTableReader(table, problems);
                List<Field<?>> header = reader.columns(file);
                if (header != null) {
                    set.columns.put(table, header);
                } else {
                    // reports why the header is unusable; with such a header no row is read
                    reader.read(file, row -> { });
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
        return files.containsKey(table);
    }

    /** The columns the table's file holds, or null if it has no file or an unusable header. */
    List<Field<?>> columns(ShopTable table) {
        return columns.get(table);
    }

    /** Whether {@code table} is one that no shop table refers to (see {@link #UNREFERENCED}). */
    static boolean isUnreferenced(ShopTable table) {
        return UNREFERENCED.contains(table);
    }

    /** Reads a table's file and hands every row to {@code sink}, rejected ones marked; nothing is held. */
    void stream(ShopTable table, ImportProblems problems, CsvTableReader.RowSink sink) throws IOException, SQLException {
        Path file = files.get(table);
        if (file != null) {
            new CsvTableReader(table, problems).stream(file, sink);
        }
    }

    /** The size in bytes of a table's file, 0 if there is none. */
    long bytes(ShopTable table) throws IOException {
        Path file = files.get(table);
        return file == null ? 0 : Files.size(file);
    }

    /** About how many rows the files hold: their lines less the headers. */
    long rowEstimate() throws IOException {
        long rows = 0;
        for (Path file : files.values()) {
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
}
