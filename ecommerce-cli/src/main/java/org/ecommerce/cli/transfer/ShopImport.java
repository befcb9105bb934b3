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
 * an import is not bounded by the heap. Into an empty shop on PostgreSQL the foreign keys are
 * checked once per key at the end rather than once per row ({@link ForeignKeysSetAside}), with
 * the tables locked until the commit.
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
    private List<String> keptTheShops = List.of();

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

    /**
     * The files whose rows a shop that held data kept its own of (after {@link #write}): its
     * recommendation setting and interaction types stay, and the files derived from another
     * setting (scores, popularity, also-bought) are not loaded. Empty for an empty shop, where
     * the files replace the migrations' setting and types.
     */
    public List<String> notLoaded() {
        return keptTheShops;
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
        Map<ShopTable, Integer> written = null;
        boolean committed = false;
        String task = "import";
        try (Connection connection = dataSource.getConnection()) {
            Engine engine = Engine.of(connection);
            StagedWriter.checkMayMoveIdentities(connection, engine, files);
            if (engine == Engine.POSTGRESQL && !keepGoodRows && problems.isEmpty() && ShopContents.isEmpty(connection, engine)) {
                EmptyShopLoad load;
                try (Progress progress = Progress.start("import", files.rowEstimate(), log)) {
                    load = writeIntoEmptyShop(connection, progress);
                }
                committed = load.written() != null;
                written = load.written();
                keptTheShops = load.notLoaded().stream().map(ShopTable::fileName).toList();
                if (!committed && load.keysSetAside()) {
                    // a row was refused: the files are read again and judged with the keys in place,
                    // each refused row found and reported
                    task = "import row by row";
                }
            }
            if (!committed) {
                try (Progress progress = Progress.start(task, files.rowEstimate(), log)) {
                    StagedWriter writer = new StagedWriter(connection, engine, files, problems, progress);
                    committed = writeInOneTransaction(connection, engine, writer, keepGoodRows, () -> true, () -> true);
                    refusedRows = writer.refusedRows();
                    stopped = writer.stopped();
                    readRejected = writer.readRejected();
                    written = writer.written();
                    keptTheShops = writer.notLoaded().stream().map(ShopTable::fileName).toList();
                }
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

    /**
     * What loading an empty shop with its keys set aside did: the rows written per table if it
     * committed (else null), and whether the keys could be set aside at all.
     */
    private record EmptyShopLoad(Map<ShopTable, Integer> written, boolean keysSetAside, List<ShopTable> notLoaded) {
    }

    /**
     * PostgreSQL, an empty shop: the rows go in with the foreign keys of their tables set aside
     * and checked set-based before the commit ({@link ForeignKeysSetAside}); the first refusal,
     * any read problem or a broken key rolls everything back, for the caller to judge the rows
     * statement by statement, which finds and reports each refused row. Nothing is written either
     * when the keys cannot be set aside (the role does not own the tables, or another session
     * holds one of them).
     */
    private EmptyShopLoad writeIntoEmptyShop(Connection connection, Progress progress) throws SQLException, IOException {
        StagedWriter writer = new StagedWriter(connection, Engine.POSTGRESQL, files, new ImportProblems(), progress);
        writer.stopAtFirstRefusal();
        ForeignKeysSetAside[] keys = new ForeignKeysSetAside[1];
        boolean committed = writeInOneTransaction(connection, Engine.POSTGRESQL, writer, false, () -> {
            keys[0] = ForeignKeysSetAside.drop(connection, writer.tablesWritten()).orElse(null);
            if (keys[0] != null) {
                writer.writeOrdersAfterTheirLines();
            }
            return keys[0] != null;
        }, () -> !writer.stopped() && keys[0].restore());
        return new EmptyShopLoad(committed ? writer.written() : null, keys[0] != null, writer.notLoaded());
    }

    /** Something the import runs inside its transaction. */
    @FunctionalInterface
    private interface Step {
        boolean run() throws SQLException;
    }

    /**
     * Stages and writes the rows in one transaction, after {@code before} (which may decline: then
     * nothing is written) and commits if the rows passed (or the good rows are kept) and
     * {@code beforeCommit} agrees; otherwise rolls back.
     */
    private static boolean writeInOneTransaction(Connection connection, Engine engine, StagedWriter writer,
            boolean keepGoodRows, Step before, Step beforeCommit) throws SQLException, IOException {
        boolean committed = false;
        try {
            writer.createStagingTables();
            connection.setAutoCommit(false);
            try {
                if (before.run()) {
                    writer.write(keepGoodRows);
                    committed = (!writer.hasProblems() || keepGoodRows) && beforeCommit.run();
                }
                if (committed && engine == Engine.POSTGRESQL) {
                    writer.moveIdentitiesPastLoadedIds();
                }
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
            if (committed && engine == Engine.H2) {
                writer.moveIdentitiesPastLoadedIds();
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } finally {
                writer.dropStagingTables(); // also when the connection is gone: it stops the reading first
            }
        }
        return committed;
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
