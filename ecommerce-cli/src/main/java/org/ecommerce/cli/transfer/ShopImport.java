package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.schema.Engine;

/**
 * Loads a directory of CSV files, one per table as {@link ShopExport} writes them, into a
 * migrated database, empty or already holding a shop. Reading checks only what the column types
 * decide (encoding, header, numbers, dates, lengths); every rule of the shop is the database's
 * own, applied as the rows are written set-based ({@link StagedWriter}), and each refusal is
 * reported as {@code file:line: column: reason}. With any problem nothing is written, unless the
 * caller keeps the good rows. Every file streams into the database as it is read, so the size of
 * an import is not bounded by the heap.
 */
public final class ShopImport {

    private final DataSource dataSource;
    private final Path directory;
    private final ImportFileSet files;
    private final ImportProblems problems;
    private int refusedRows;
    private int readRejected;
    private int acceptedRows;
    private boolean stopped;

    private ShopImport(DataSource dataSource, Path directory, ImportFileSet files, ImportProblems problems) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.files = files;
        this.problems = problems;
    }

    /**
     * Finds the table files of {@code directory} and checks their headers; writes nothing. Each row
     * is read, checked against its column types and judged by the database in {@link #write}.
     *
     * @throws IOException if a file cannot be read
     */
    public static ShopImport check(DataSource dataSource, Path directory) throws IOException {
        ImportProblems problems = new ImportProblems();
        ImportFileSet files = ImportFileSet.read(directory, problems);
        return new ShopImport(dataSource, directory, files, problems);
    }

    /** The problems found so far, by file in load order then by line; each one rejects its row. */
    public List<ImportProblem> problems() {
        return problems.sorted();
    }

    /**
     * Whether the database's judging stopped early: an import that keeps no row stops after
     * 100 refusals, so later rows may hold more problems.
     */
    public boolean stoppedEarly() {
        return stopped;
    }

    /** Whether the directory holds at least one table's file. */
    public boolean hasFiles() {
        return Set.of(ShopTable.values()).stream().anyMatch(files::hasFile);
    }

    /** How many rows passed every rule (after {@link #write}, whether they were committed or not). */
    public int acceptedRows() {
        return acceptedRows;
    }

    /** How many rows were rejected, while reading or by the database. */
    public int rejectedRows() {
        return readRejected + refusedRows;
    }

    /**
     * Writes the rows in one transaction, letting the database judge each, and returns the rows
     * written per file. Every refused row becomes a problem ({@link #problems}); if there is any
     * problem and {@code keepGoodRows} is false, the transaction is rolled back and the map is empty.
     *
     * @param log where progress lines go when there is no terminal
     */
    public Map<String, Integer> write(PrintWriter log, boolean keepGoodRows) throws SQLException, IOException {
        Map<ShopTable, Integer> written;
        boolean committed;
        try (Connection connection = dataSource.getConnection();
             Progress progress = Progress.start("import", files.rowEstimate(), log)) {
            StagedWriter writer = new StagedWriter(connection, Engine.of(connection), files, problems, progress);
            writer.createStagingTables();
            try {
                connection.setAutoCommit(false);
                try {
                    writer.write(keepGoodRows);
                    committed = problems.isEmpty() || keepGoodRows;
                    if (committed) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                } catch (SQLException | IOException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                connection.setAutoCommit(true);
                refusedRows = writer.refusedRows();
                stopped = writer.stopped();
                readRejected = writer.readRejected();
                written = writer.written();
                if (committed) {
                    writer.moveIdentitiesPastLoadedIds();
                }
            } finally {
                connection.setAutoCommit(true);
                writer.dropStagingTables();
            }
        }
        Map<String, Integer> byFile = new LinkedHashMap<>();
        for (ShopTable table : ShopTable.values()) {
            if (files.hasFile(table)) {
                int rows = written.getOrDefault(table, 0);
                byFile.put(table.fileName(), rows);
                acceptedRows += rows;
            }
        }
        return committed ? byFile : Map.of();
    }

    /** {@link #write(PrintWriter, boolean)} that writes nothing unless every row passes. */
    public Map<String, Integer> write(PrintWriter log) throws SQLException, IOException {
        return write(log, false);
    }

    /** The directory read. */
    public Path directory() {
        return directory;
    }
}
