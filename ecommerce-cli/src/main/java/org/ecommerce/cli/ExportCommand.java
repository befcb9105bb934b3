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
                + " rows in id order, from one consistent snapshot. Each file is created readable and writable by its owner"
                + " only (on file systems with POSIX permissions).",
            "customer.password_hash and credit_card.processor_token are left out unless --include-secrets; import needs them"
                + " to load customers and credit cards, so an export to import elsewhere takes --include-secrets.",
            "NULL is an empty unquoted field; texts are quoted; timestamps are ISO-8601 with offset. A text starting with"
                + " =, +, -, @, tab or CR is written with a ' before it, so that a spreadsheet shows it instead of running it"
                + " as a formula; import loads values as they are, so such a text comes back with the ' (a phone number"
                + " +44 ... as '+44 ...)."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write to (created if missing).")
    private Path directory;

    @Option(names = "--overwrite", description = "Replace CSV files of the same names already in DIR (refused otherwise).")
    private boolean overwrite;

    @Option(names = "--include-secrets",
            description = "Also write customer.password_hash (passwords exist only as this hash) and"
                    + " credit_card.processor_token (which can charge the card), as they are.")
    private boolean includeSecrets;

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
            database.requireCurrent();
            Map<String, Long> written = ShopExport.run(database.dataSource(), directory, spec.commandLine().getErr(),
                    includeSecrets);
            TextTable table = new TextTable("file", "rows");
            written.forEach(table::row);
            out.println("Exported " + database.displayUrl() + " to " + directory.toAbsolutePath().normalize() + ":");
            table.print(out);
        }
        return ExitCode.OK;
    }
}
