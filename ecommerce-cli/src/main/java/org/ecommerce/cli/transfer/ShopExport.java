package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVPrinter;
import org.ecommerce.cli.console.Progress;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.schema.Engine;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Writes every shop table to a CSV file of its own ({@code customer.csv}, ...), header row first,
 * rows in primary-key order, all from one consistent snapshot of the database. Customers'
 * passwords are only ever there as their hash: the database holds nothing else.
 */
public final class ShopExport {

    private ShopExport() {
    }

    /** The names of the files an export writes, in load order. */
    public static List<String> fileNames() {
        return java.util.stream.Stream.of(ShopTable.values()).map(ShopTable::fileName).toList();
    }

    /**
     * Exports into {@code directory} (created if needed; existing files of the same names are
     * replaced) and returns the rows written per file.
     *
     * @param log where progress lines go when there is no terminal
     */
    public static Map<String, Long> run(DataSource dataSource, Path directory, PrintWriter log)
            throws IOException, SQLException {
        Files.createDirectories(directory);
        Map<String, Long> counts = ShopContents.rowCounts(dataSource);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> written = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             Progress progress = Progress.start("export", total, log)) {
            // one snapshot for every table, and a cursor (PostgreSQL streams only inside a transaction)
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            DSLContext dsl = DSL.using(connection, Engine.of(connection).dialect(), Ecommerce.settings());
            for (ShopTable table : ShopTable.values()) {
                written.put(table.fileName(), exportTable(dsl, table, directory.resolve(table.fileName()), progress));
            }
            connection.commit();
        }
        return written;
    }

    private static long exportTable(DSLContext dsl, ShopTable table, Path file, Progress progress) throws IOException {
        List<Field<?>> columns = table.columns();
        long rows = 0;
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CsvValues.FORMAT);
             Cursor<Record> cursor = dsl.select(columns).from(table.table())
                     .orderBy(table.primaryKey()).fetchSize(1000).fetchLazy()) {
            printer.printRecord(columns.stream().map(Field::getName).toList());
            Object[] values = new Object[columns.size()];
            for (Record record : cursor) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = CsvValues.toCsv(record.get(i));
                }
                printer.printRecord(values);
                rows++;
                if (rows % 1000 == 0) {
                    progress.step(1000);
                }
            }
            progress.step(rows % 1000);
        }
        return rows;
    }
}
