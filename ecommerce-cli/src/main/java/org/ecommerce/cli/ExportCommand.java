package org.ecommerce.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ecommerce.cli.console.TextTable;
import org.ecommerce.cli.transfer.ShopExport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce export DIR}: every table to a CSV file of its own. */
@Command(name = "export",
        description = {"Write every table to DIR as one CSV file per table (customer.csv, product.csv, ...), with a header row,"
                + " rows in id order, from one consistent snapshot. Passwords appear only as their hash.",
            "NULL is an empty unquoted field; texts are quoted; timestamps are ISO-8601 with offset."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write to (created if missing).")
    private Path directory;

    @Option(names = "--overwrite", description = "Replace CSV files of the same names already in DIR (refused otherwise).")
    private boolean overwrite;

    @Override
    public Integer call() throws IOException, SQLException {
        List<String> existing = ShopExport.fileNames().stream().filter(f -> Files.exists(directory.resolve(f))).toList();
        if (!existing.isEmpty() && !overwrite) {
            throw new CliException(ExitCode.STATE_CONFLICT, directory + " already holds " + existing.size()
                    + " of the export's files (" + existing.get(0) + (existing.size() > 1 ? ", ..." : "")
                    + "); choose another directory or pass --overwrite");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            Map<String, Long> written = ShopExport.run(database.dataSource(), directory, spec.commandLine().getErr());
            TextTable table = new TextTable("file", "rows");
            written.forEach(table::row);
            out.println("Exported " + database.displayUrl() + " to " + directory.toAbsolutePath().normalize() + ":");
            table.print(out);
        }
        return ExitCode.OK;
    }
}
