package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jooq.Field;

/**
 * The rows of a directory's CSV files, one file per table; a table without a file has no rows.
 * Held in memory between the checks and the writing.
 */
final class ImportFileSet {

    private final Map<ShopTable, List<ImportRow>> rows = new EnumMap<>(ShopTable.class);
    private final Set<? extends Number> existingInteractionTypes;

    private ImportFileSet(Set<? extends Number> existingInteractionTypes) {
        this.existingInteractionTypes = existingInteractionTypes;
    }

    /**
     * Reads every table's file in {@code directory}. A CSV file that is no table's is a problem
     * (a misnamed file would otherwise be left out without a word).
     *
     * @param existingInteractionTypes ids of the interaction types already in the database (the migrations seed them)
     */
    static ImportFileSet read(Path directory, ImportProblems problems, Set<? extends Number> existingInteractionTypes)
            throws IOException {
        ImportFileSet set = new ImportFileSet(existingInteractionTypes);
        for (ShopTable table : ShopTable.values()) {
            Path file = directory.resolve(table.fileName());
            if (Files.isRegularFile(file)) {
                set.rows.put(table, new CsvTableReader(table, problems).read(file));
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
        return rows.containsKey(table);
    }

    /** The table's rows in file order, rejected ones included. */
    List<ImportRow> rows(ShopTable table) {
        return rows.getOrDefault(table, List.of());
    }

    /** The table's rows that passed every rule. */
    List<ImportRow> accepted(ShopTable table) {
        return rows(table).stream().filter(r -> !r.rejected()).toList();
    }

    /** Whether the database already has the interaction type {@code key} (a one-value id). */
    boolean existingInteractionType(List<Object> key) {
        return key.size() == 1 && existingInteractionTypes.stream()
                .anyMatch(id -> id.longValue() == ((Number) key.get(0)).longValue());
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
        return new int[] {accepted, rejected};
    }
}
