package org.ecommerce.cli.transfer;

import java.util.Map;

import org.jooq.Field;

/**
 * One data row of a CSV file, its values converted to the column types, with where it came from.
 * A row is rejected once any rule refuses it; rejected rows are never written.
 */
final class ImportRow {

    private final ShopTable table;
    private final long line;
    private final Map<String, Object> values;
    private boolean rejected;

    ImportRow(ShopTable table, long line, Map<String, Object> values) {
        this.table = table;
        this.line = line;
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
        return (T) values.get(column.getName());
    }

    /** Whether the file has the column (columns with a default may be left out). */
    boolean has(Field<?> column) {
        return values.containsKey(column.getName());
    }

    boolean rejected() {
        return rejected;
    }

    void reject() {
        rejected = true;
    }
}
