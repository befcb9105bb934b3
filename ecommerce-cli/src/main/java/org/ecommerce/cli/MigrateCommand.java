package org.ecommerce.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.ecommerce.schema.MigrationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ecommerce migrate}: creates or upgrades the schema of the database. */
@Command(name = "migrate",
        description = "Create the schema in the database, or upgrade it to this version (a no-op when current).")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private EcommerceCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = cli.openDatabase()) {
            MigrationResult result = database.migrate();
            out.printf("%s database %s: schema at version %s (%d migration%s applied now)%n",
                    result.engine().displayName(), database.displayUrl(), result.schemaVersion(),
                    result.migrationsApplied(), result.migrationsApplied() == 1 ? "" : "s");
        }
        out.flush();
        return ExitCode.OK;
    }
}
