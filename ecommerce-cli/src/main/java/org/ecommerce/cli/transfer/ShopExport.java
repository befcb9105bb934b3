package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * rows in primary-key order, all from one consistent snapshot of the database.
 *
 * <p>The files are made to be opened safely: each is created readable and writable by its owner
 * only (where the file system has POSIX permissions); the secret columns (password hashes, card
 * tokens: {@link ShopTable#isSecret}) are left out unless asked for, and written as they are when
 * asked for; and any other text that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) gets a leading {@code '}, as OWASP advises against CSV injection.
 * An import takes values as they are, so such a text comes back with that quote.
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
     * @param log            where progress lines go when there is no terminal
     * @param includeSecrets whether to write the secret columns too, which an import needs to load
     *                       customers and credit cards
     */
    public static Map<String, Long> run(DataSource dataSource, Path directory, PrintWriter log, boolean includeSecrets)
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
                written.put(table.fileName(), exportTable(dsl, table, table.exportedColumns(includeSecrets),
                        directory.resolve(table.fileName()), progress));
            }
            connection.commit();
        }
        return written;
    }

    private static long exportTable(DSLContext dsl, ShopTable table, List<Field<?>> columns, Path file, Progress progress)
            throws IOException {
        long rows = 0;
        // the texts a spreadsheet could run; a secret is there only for an import, and a card token
        // with a ' added would no longer charge the card
        boolean[] text = new boolean[columns.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = columns.get(i).getType() == String.class && !ShopTable.isSecret(columns.get(i));
        }
        try (Writer writer = newOwnerOnlyFile(file);
             CSVPrinter printer = new CSVPrinter(writer, CsvValues.FORMAT);
             Cursor<Record> cursor = dsl.select(columns).from(table.table())
                     .orderBy(table.primaryKey()).fetchSize(1000).fetchLazy()) {
            printer.printRecord(columns.stream().map(Field::getName).toList());
            Object[] values = new Object[columns.size()];
            for (Record record : cursor) {
                for (int i = 0; i < values.length; i++) {
                    Object value = record.get(i);
                    values[i] = text[i] && value instanceof String s ? CsvValues.neutralised(s) : CsvValues.toCsv(value);
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

    /**
     * A new file for writing, created readable and writable by its owner only where the file
     * system has POSIX permissions: the permissions are the file's from its creation on, never
     * wider for a moment. A file of the same name is replaced, not truncated, so that its old
     * permissions go with it.
     */
    static Writer newOwnerOnlyFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    }
}
