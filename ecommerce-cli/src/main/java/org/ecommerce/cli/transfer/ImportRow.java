package org.ecommerce.cli.transfer;

import java.util.List;

import org.jooq.Field;

/**
 * One data row of a CSV file, its values converted to the column types, with where it came from.
 * A row is rejected once any rule refuses it; rejected rows are never written.
 */
final class ImportRow {

    private final ShopTable table;
    private final long line;
    // the file's columns, shared by its rows, and this row's values in their order: a map per
    // row cost a tenth of an import's reading
    private final List<Field<?>> columns;
    private final Object[] values;
    private boolean rejected;

    ImportRow(ShopTable table, long line, List<Field<?>> columns, Object[] values) {
        this.table = table;
        this.line = line;
        this.columns = columns;
        this.values = values;
    }

    ShopTable table() {
        return table;
    }

    /** The line of the file the row starts on (the header is line 1). */
    long line() {
        return line;
    }

    /** "file:line", for messages. */
    String location() {
        return table.fileName() + ":" + line;
    }

    /** The value of a column, null when SQL NULL or when the file has no such column. */
    @SuppressWarnings("unchecked")
    <T> T get(Field<T> column) {
        int at = indexOf(column);
        return at < 0 ? null : (T) values[at];
    }

    /** Whether the file has the column (columns with a default may be left out). */
    boolean has(Field<?> column) {
        return indexOf(column) >= 0;
    }

    private int indexOf(Field<?> column) {
        for (int i = 0; i < values.length; i++) {
            Field<?> given = columns.get(i);
            if (given == column || given.getName().equals(column.getName())) {
                return i;
            }
        }
        return -1;
    }

    boolean rejected() {
        return rejected;
    }

    void reject() {
        rejected = true;
    }
}
