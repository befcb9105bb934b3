package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVPrinter;
import org.jooq.Field;
import org.jooq.Table;

/**
 * One shop table's CSV file, written row by row in the format {@code export} writes and
 * {@code import} reads: a header of the given columns (any columns the table may be imported
 * with), then one line per row. Created readable by its owner only.
 */
public final class TableFile implements AutoCloseable {

    private final CSVPrinter printer;
    private final Object[] values;

    private TableFile(CSVPrinter printer, int columns) {
        this.printer = printer;
        this.values = new Object[columns];
    }

    /** Creates (or replaces) {@code table}'s file in {@code directory}, with {@code columns} as its header. */
    public static TableFile create(Path directory, Table<?> table, Field<?>... columns) throws IOException {
        Path file = directory.resolve(ShopTable.of(table).fileName());
        CSVPrinter printer = new CSVPrinter(ShopExport.newOwnerOnlyFile(file), CsvValues.FORMAT);
        printer.printRecord(Stream.of(columns).map(Field::getName).toList());
        return new TableFile(printer, columns.length);
    }

    /** Writes a row: one value per column, in the header's order. */
    public void row(Object... row) throws IOException {
        if (row.length != values.length) {
            throw new IllegalArgumentException(row.length + " values for " + values.length + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            values[i] = CsvValues.toCsv(row[i]);
        }
        printer.printRecord(values);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
