package org.ecommerce.cli;

import java.util.function.Supplier;

import org.ecommerce.dao.ValidationException;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --limit} of {@code recommend} and {@code also-bought}: the library judges it (as
 * {@code n}), and its refusal is a bad command line, reported under the option's name.
 */
final class LimitOption {

    private LimitOption() {
    }

    /** Runs the lookup; a refused {@code n} becomes exit code 2 naming {@code --limit}. */
    static <T> T judged(CommandSpec command, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ValidationException refused) {
            if (!refused.field().equals("n")) { // the lookups' parameter that --limit gives
                throw refused;
            }
            throw new CliException(ExitCode.USAGE, "--limit: " + refused.reason() + " (see '"
                    + command.qualifiedName() + " --help' for the options)");
        }
    }
}
