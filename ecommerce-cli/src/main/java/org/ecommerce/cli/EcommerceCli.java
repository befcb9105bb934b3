package org.ecommerce.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.ecommerce.dao.EcommerceException;
import org.ecommerce.schema.SchemaVersionException;
import org.flywaydb.core.api.FlywayException;
import org.jooq.exception.DataAccessException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ecommerce} command: the library runnable from a shell, on an embedded H2 database by
 * default or on any JDBC URL. Its subcommands are the classes named in {@code subcommands}; a new
 * one (generate, report, recommend, ...) is a class with {@code @Command} and a {@code call()}
 * that gets its database from {@link #openDatabase()}.
 *
 * <p>Every failure reaches the user as one line on standard error and a documented exit code
 * ({@link ExitCode}); {@code --verbose} adds the stack trace.
 */
@Command(name = "ecommerce",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = EcommerceCli.Version.class,
        description = "The ecommerce data-access library from the command line: an embedded H2 database in"
                + " --data-dir by default, or any PostgreSQL 15+ / H2 database with --jdbc-url.",
        subcommands = {MigrateCommand.class, DemoCommand.class, GenerateCommand.class, ExportCommand.class, ImportCommand.class, ReportCommand.class,
            RecommendCommand.class, AlsoBoughtCommand.class, RebuildCommand.class,
            HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected error (run again with --verbose for the stack trace)",
            "2:bad command line",
            "3:input refused by the rules (invalid CSV rows, a business rule)",
            "4:database or directory not in the needed state (e.g. already holds data)",
            "5:database unreachable, unsupported or failing",
        })
public final class EcommerceCli implements Runnable {

    /** Where the embedded database lives unless {@code --data-dir} says otherwise. */
    public static final String DEFAULT_DATA_DIR = "./ecommerce-data";

    @Spec
    private CommandSpec spec;

    @Option(names = "--jdbc-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "JDBC URL of the database (PostgreSQL 15+ or H2); default: the embedded H2 database in --data-dir.")
    private String jdbcUrl;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "Directory of the embedded H2 database, created on first use; ignored with --jdbc-url."
                    + " Default: ${DEFAULT-VALUE}")
    private Path dataDir;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Database user (default: the URL's, or sa for H2).")
    private String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "SECRET",
            description = "Database password (default: the URL's, or none).")
    private String password;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of errors and the libraries' log messages.")
    private boolean verbose;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling, ready to {@code execute(args)}; tests call it
     * in-process with their own {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine() {
        // the libraries announce themselves on first use; a command's output is its own
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        CommandLine commandLine = new CommandLine(new EcommerceCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(parseResult -> {
            quietLibraries(((EcommerceCli) parseResult.commandSpec().root().userObject()).verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setParameterExceptionHandler(EcommerceCli::reportUsageError);
        commandLine.setExecutionExceptionHandler(EcommerceCli::reportFailure);
        return commandLine;
    }

    /** Without a subcommand: show what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Opens the database the global options name: {@code --jdbc-url}, else the embedded H2
     * database in {@code --data-dir} (created on first use).
     */
    Database openDatabase() {
        if (jdbcUrl == null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            // H2 would print its own stack trace, failing to write its trace file beside the database
            throw new CliException(ExitCode.USAGE, "--data-dir " + dataDir + " is a file, not a directory");
        }
        String url = jdbcUrl != null ? jdbcUrl : Database.embeddedUrl(dataDir);
        return Database.open(url, user, password);
    }

    /** Whether the database is the embedded one of the data directory (not a --jdbc-url). */
    boolean usesEmbeddedDatabase() {
        return jdbcUrl == null;
    }

    /** The data directory of the embedded database. */
    Path dataDir() {
        return dataDir;
    }

    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("error: " + oneLine(e.getMessage()));
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int reportFailure(Exception e, CommandLine failed, ParseResult parseResult) {
        PrintWriter err = failed.getErr();
        boolean verbose = ((EcommerceCli) failed.getCommandSpec().root().userObject()).verbose;
        int exitCode;
        String message;
        if (e instanceof CliException cli) {
            exitCode = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof SchemaVersionException schema) {
            exitCode = ExitCode.STATE_CONFLICT;
            message = schema.getMessage();
        } else if (e instanceof EcommerceException refused) {
            exitCode = ExitCode.DATA_REJECTED;
            message = refused.getMessage();
        } else if (e instanceof SQLException sql) {
            // class 23: an integrity rule refused the data; anything else is the database failing
            exitCode = sql.getSQLState() != null && sql.getSQLState().startsWith("23")
                    ? ExitCode.DATA_REJECTED : ExitCode.DATABASE_UNAVAILABLE;
            message = sql.getMessage();
        } else if (e instanceof DataAccessException || e instanceof FlywayException) {
            exitCode = ExitCode.DATABASE_UNAVAILABLE;
            message = e.getMessage();
        } else {
            exitCode = ExitCode.FAILURE;
            message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        err.println("error: " + oneLine(message) + (verbose ? "" : exitCode == ExitCode.FAILURE
                ? " (run again with --verbose for the stack trace)" : ""));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** Database messages may span lines (PostgreSQL's "Detail:"); an error is one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The libraries (Flyway, jOOQ, password4j, the drivers) log through java.util.logging here,
     * mostly chatter such as jOOQ's dialect version notes: only --verbose shows it. The root
     * logger's level governs them all (and LogManager holds it, so the setting sticks).
     */
    private static void quietLibraries(boolean verbose) {
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.SEVERE);
    }

    /** The version from the jar's manifest, if it has one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EcommerceCli.class.getPackage().getImplementationVersion();
            return new String[] {"ecommerce " + (version == null ? "(development build)" : version)};
        }
    }
}
