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
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.cli.transfer.ImportProblem;
import org.ecommerce.cli.transfer.ShopImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce import DIR}: loads CSV files, one per table, into a database, empty or holding a shop. */
@Command(name = "import",
        description = {"Load DIR's CSV files (one per table, as export writes them; a missing file is an empty table)"
                + " into a database, migrating it first. The database may already hold a shop: ids are kept as in the"
                + " files, and a row whose id (or other unique value) the database already holds is refused at its line.",
            "The database judges every row with its own rules (stock, order totals, reviews only by buyers, returns"
                + " within what was bought, ...), as for any other writer; each refusal is reported as"
                + " file:line: column: reason. With any problem nothing is written (exit code 3), unless --skip-bad-rows.",
            "Into an empty shop on PostgreSQL (as its owner) each foreign key is checked once, at the end of the load,"
                + " rather than once per row: the shop's tables stay locked until the import commits, and if any row is"
                + " refused the import starts over, checking row by row, to report it.",
            "Files are read as UTF-8; a row with bytes that are not UTF-8 is refused like any other bad row. Values are"
                + " loaded as they are: a text that export wrote with a ' before it (one starting with =, +, -, @, tab or CR)"
                + " keeps the '.",
            "Into an empty shop the recommendation model is loaded as the files give it (setting, interaction types,"
                + " scores, popularity, also-bought). A shop that holds data keeps its own setting and interaction types"
                + " (weights included; the file's types it lacks are added, and a type whose id the shop gives another"
                + " name is refused), and the files derived from them (recommendation_score.csv, product_popularity.csv,"
                + " product_similarity.csv) are not loaded. In both, the loaded interactions add to the scores as any"
                + " interaction does, and --rebuild then recomputes the whole model from the data, as `ecommerce rebuild`"
                + " does.",
            "Customers and credit cards need customer.password_hash and credit_card.processor_token, which export writes"
                + " only with --include-secrets: a customer.csv or credit_card.csv with rows but without them is refused."
                + " An empty password_hash is a customer without a password yet, who cannot sign in until one is set"
                + " through the library (customers().setPassword).",
            "interaction.csv may give each interaction's type by its name (column type, e.g. view) instead of type_id,"
                + " and may leave out id: the database then numbers the interactions in file order. A name no type has"
                + " is refused at its line."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory holding the CSV files.")
    private Path directory;

    @Option(names = "--skip-bad-rows",
            description = "Write the rows that pass, leaving out the rejected ones and every row that depends on them.")
    private boolean skipBadRows;

    @Option(names = "--rebuild",
            description = "After the load, rebuild the recommendation model from every interaction, as"
                    + " `ecommerce rebuild` does.")
    private boolean rebuild;

    @Override
    public Integer call() throws IOException, SQLException {
        if (!Files.isDirectory(directory)) {
            throw new CliException(ExitCode.USAGE, directory + " is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = cli.openDatabase()) {
            database.migrateUnlessCurrent();
            ShopImport load = ShopImport.check(database.dataSource(), directory);
            if (!load.hasFiles()) {
                throw new CliException(ExitCode.DATA_REJECTED, directory + " holds no table's CSV file (customer.csv, ...)");
            }
            Map<String, Integer> written = load.write(err, skipBadRows);
            List<ImportProblem> problems = load.problems();
            problems.forEach(p -> err.println(p));
            err.flush();
            if (!problems.isEmpty() && !skipBadRows) {
                throw new CliException(ExitCode.DATA_REJECTED, problems.size() + " problem(s) in " + load.rejectedRows()
                        + " row(s) of " + directory + ", listed above" + (load.stoppedEarly()
                                ? " (the database stopped judging there; later rows were not checked)" : "")
                        + ": nothing was written"
                        + " (fix them, or pass --skip-bad-rows to write the other rows)");
            }
            out.println("Imported " + directory.toAbsolutePath().normalize() + " into " + database.displayUrl()
                    + (problems.isEmpty() ? ":" : ", leaving out " + load.rejectedRows() + " rejected row(s):"));
            TextTable table = new TextTable("file", "rows");
            written.forEach(table::row);
            table.print(out);
            if (!load.notLoaded().isEmpty()) {
                out.println("The database held a shop already, which keeps its recommendation setting and interaction types;"
                        + " it kept its own rows of: " + String.join(", ", load.notLoaded()) + ".");
            }
            if (rebuild) {
                RebuildCommand.print(Ecommerce.create(database.dataSource()), out);
            } else if (!load.notLoaded().isEmpty()) {
                out.println("The loaded interactions added to the shop's scores; the scores of folded interactions,"
                        + " popularity and also-bought need a rebuild: run `ecommerce rebuild` (or import with --rebuild).");
            } else {
                out.println("The recommendation model is as the files give it, not rebuilt: run `ecommerce rebuild`"
                        + " (or import with --rebuild) so that popularity and also-bought include the loaded data.");
            }
        }
        return ExitCode.OK;
    }

}
