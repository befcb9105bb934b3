package org.ecommerce.cli.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in a file set; reporting one against a row also rejects the row. */
final class ImportProblems {

    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<Integer> tableOrder = new ArrayList<>();

    /** Rejects {@code row} because of {@code column}'s value. */
    void reject(ImportRow row, String column, String reason) {
        row.reject();
        add(row.table(), new ImportProblem(row.table().fileName(), row.line(), column, reason));
    }

    /** A problem of a whole file (its header, its encoding). */
    void fileProblem(ShopTable table, long line, String field, String reason) {
        add(table, new ImportProblem(table.fileName(), line, field, reason));
    }

    /** A CSV file in the directory that belongs to no table. */
    void unknownFile(String name, List<String> known) {
        problems.add(new ImportProblem(name, 1, "file", "is not the file of any table (expected names: "
                + String.join(", ", known) + ")"));
        tableOrder.add(-1);
    }

    /** A problem found by the database in a row of {@code table}. */
    void add(ShopTable table, ImportProblem problem) {
        problems.add(problem);
        tableOrder.add(table.ordinal());
    }

    /** Adds the problems {@code other} found (while reading a file on another thread). */
    void addAll(ImportProblems other) {
        problems.addAll(other.problems);
        tableOrder.addAll(other.tableOrder);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem, by file in load order, then by line. */
    List<ImportProblem> sorted() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.<Integer>comparingInt(tableOrder::get)
                .thenComparingLong(i -> problems.get(i).line())
                .thenComparingInt(i -> i));
        return indexes.stream().map(problems::get).toList();
    }
}
