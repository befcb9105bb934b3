package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Loads a directory of CSV files, one per table as {@link ShopExport} writes them, into a
 * migrated database holding no shop data. Every row is checked first ({@link ImportRules});
 * then the accepted rows are written in one transaction through the schema's triggers
 * ({@link ImportWriter}: COPY on PostgreSQL, batched INSERTs on H2), so the rules the library
 * enforces hold for imported data too. The large tables (interactions, the recommendation model)
 * stream from their files, in the check and again in the writing, so their size is not bounded by
 * memory. References may also point to rows the database already holds.
 */
public final class ShopImport {

    private final DataSource dataSource;
    private final Path directory;
    private final ImportFileSet files;
    private final ImportProblems problems;

    private ShopImport(DataSource dataSource, Path directory, ImportFileSet files, ImportProblems problems) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.files = files;
        this.problems = problems;
    }

    /**
     * Reads and checks every file of {@code directory}; writes nothing.
     *
     * @throws IOException if a file cannot be read
     */
    public static ShopImport check(DataSource dataSource, Path directory) throws IOException {
        DSLContext dsl = DSL.using(dataSource, Engine.of(dataSource).dialect(), Ecommerce.settings());
        ImportProblems problems = new ImportProblems();
        ImportFileSet files = ImportFileSet.read(directory, problems, (table, columns) -> {
            Set<List<Object>> keys = new HashSet<>();
            dsl.select(columns).from(table.table()).fetch().forEach(r -> keys.add(Arrays.asList(r.intoArray())));
            return keys;
        });
        new ImportRules(files, problems).check();
        return new ShopImport(dataSource, directory, files, problems);
    }

    /** The problems found, by file in load order then by line; each one rejects its row. */
    public List<ImportProblem> problems() {
        return problems.sorted();
    }

    /** Whether the directory holds at least one table's file. */
    public boolean hasFiles() {
        return Set.of(ShopTable.values()).stream().anyMatch(files::hasFile);
    }

    /** How many rows passed every rule. */
    public int acceptedRows() {
        return files.counts()[0];
    }

    /** How many rows were rejected. */
    public int rejectedRows() {
        return files.counts()[1];
    }

    /**
     * Writes the accepted rows in one transaction and returns the rows written per file; on any
     * refusal by the database nothing is written.
     *
     * @param log where progress lines go when there is no terminal
     */
    public Map<String, Integer> write(PrintWriter log) throws SQLException, IOException {
        Map<ShopTable, Integer> written;
        try (Connection connection = dataSource.getConnection();
             Progress progress = Progress.start("import", acceptedRows(), log)) {
            connection.setAutoCommit(false);
            ImportWriter writer = new ImportWriter(connection, Engine.of(connection), files, progress);
            try {
                written = writer.write();
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            connection.setAutoCommit(true);
            writer.moveIdentitiesPastLoadedIds();
        }
        Map<String, Integer> byFile = new LinkedHashMap<>();
        for (ShopTable table : ShopTable.values()) {
            if (files.hasFile(table)) {
                byFile.put(table.fileName(), written.getOrDefault(table, 0));
            }
        }
        return byFile;
    }

    /** The directory read. */
    public Path directory() {
        return directory;
    }
}
