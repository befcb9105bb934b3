package org.ecommerce.dao.internal;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import org.ecommerce.schema.rules.RefusalDetail;
import org.ecommerce.schema.rules.Rule;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads a refusal from PostgreSQL's structured error. A class of its own so that it is loaded only
 * when PostgreSQL's driver is there (see {@link ErrorTranslator}).
 */
final class PostgresRefusals {

    private PostgresRefusals() {
    }

    /** The refusal {@code failure} reports, if it is PostgreSQL's and names a constraint or rule. */
    static Optional<ErrorTranslator.Refused> of(SQLException failure) {
        if (!(failure instanceof PSQLException postgres)) {
            return Optional.empty();
        }
        ServerErrorMessage error = postgres.getServerErrorMessage();
        if (error == null || error.getConstraint() == null) {
            return Optional.empty();
        }
        String name = error.getConstraint();
        // only a rule function's DETAIL is in the catalogue's format; a constraint's quotes the row
        Map<String, String> fields = Rule.byName(name).filter(rule -> rule.kind() == Rule.Kind.TRIGGER)
                .map(rule -> RefusalDetail.parse(error.getDetail()))
                .orElse(Map.of());
        return Optional.of(new ErrorTranslator.Refused(name, fields));
    }
}
