package org.ecommerce.dao.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.EcommerceException;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.ReturnExceedsPurchaseException;
import org.ecommerce.dao.ReviewNotAllowedException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.StatementTimeoutException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.schema.rules.Rule;
import org.ecommerce.schema.rules.RuleRefusal;

/**
 * Turns a database refusal into the library's typed error.
 *
 * <p>The rule that refused is found by identity, and its fields by name ({@link Rule} lists every rule):
 * <ol>
 *   <li>an H2 rule trigger's {@link RuleRefusal} in the cause chain: the rule and its fields;</li>
 *   <li>PostgreSQL's structured error: the constraint name (a constraint's, a unique index's, or the
 *       rule name a rule function raises with) and, for a trigger rule, the fields in its DETAIL;</li>
 *   <li>an H2 constraint violation: H2 reports no structured constraint name, so its error code and
 *       the name its message quotes first are read. This is the one place where text is read.</li>
 * </ol>
 * The SQLSTATE class tells integrity violations (23) from transient failures.
 */
public final class ErrorTranslator {

    /** H2's error codes for violations of a named constraint: foreign key (both ways), unique, check. */
    private static final Set<Integer> H2_CONSTRAINT_VIOLATIONS = Set.of(23503, 23505, 23506, 23513);
    /**
     * H2 quotes the violated constraint's name first: {@code "public.brand_name_unique INDEX ..."}
     * (unique), {@code "brand_name_not_blank: ..."} (check, foreign key).
     */
    private static final Pattern H2_CONSTRAINT_NAME = Pattern.compile("\"(?:[^\".\\s]+\\.)?([^\".\\s:]+)");

    private ErrorTranslator() {
    }

    /** How a failure should be handled. */
    public enum Kind {
        /** A serialization failure, deadlock or lock timeout: run the transaction again. */
        RETRY,
        /** The connection or session was lost: report as transient, do not retry blindly. */
        CONNECTION_LOST,
        /** A statement was cancelled by the statement timeout (SQLSTATE 57014 on both engines). */
        TIMEOUT,
        /** An integrity violation: a business rule said no. */
        RULE,
        /** A value the column cannot hold (out of range, too long): bad input that passed validation. */
        DATA,
        /** Anything else: a bug or an infrastructure problem, passed on unchanged. */
        OTHER
    }

    /** Classifies a failure by the SQLSTATE of the first SQLException in its causes. */
    public static Kind classify(Throwable failure) {
        SQLException sql = sqlException(failure);
        if (sql == null || sql.getSQLState() == null) {
            return Kind.OTHER;
        }
        String state = sql.getSQLState();
        if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
            return Kind.RETRY;
        }
        if (state.equals("57014")) {
            return Kind.TIMEOUT;
        }
        // 08: connection exceptions; 57P0x: PostgreSQL shut the session down; H2 reports a closed
        // session as a (non-)transient connection exception with its own codes
        if (state.startsWith("08") || state.startsWith("57P0") || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLTransientConnectionException) {
            return Kind.CONNECTION_LOST;
        }
        if (state.startsWith("23")) {
            return Kind.RULE;
        }
        if (state.startsWith("22")) {
            return Kind.DATA;
        }
        return Kind.OTHER;
    }

    /**
     * The typed error for a failure inside a transaction that the caller owns: as
     * {@link #translate}, except that a serialization failure or deadlock (never retried there)
     * tells the caller to roll back and run its transaction again.
     */
    public static RuntimeException translateInCallerTransaction(RuntimeException failure) {
        if (failure instanceof TransactionRunner.RetryTransaction || classify(failure) == Kind.RETRY) {
            return new TransientDataAccessException("the transaction must be rolled back and run again as a whole: "
                    + failure.getMessage(), failure, true, true);
        }
        return translate(failure);
    }

    /**
     * The typed error for a read that failed on the connection of a transaction the caller owns,
     * without a savepoint: as {@link #translateInCallerTransaction}, and where the failure left
     * that transaction refusing every further statement (PostgreSQL after any error), a cancelled
     * statement tells the caller to roll back and run it again too.
     */
    public static RuntimeException translateInCallerRead(RuntimeException failure, boolean errorAbortsTransaction) {
        RuntimeException translated = translateInCallerTransaction(failure);
        if (errorAbortsTransaction && translated instanceof StatementTimeoutException) {
            SQLException sql = sqlException(failure);
            return new StatementTimeoutException(sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage(),
                    failure, true);
        }
        return translated;
    }

    /**
     * The typed error for a failure: a rule's own exception, {@link RuleViolationException} for an
     * unnamed integrity violation, {@link TransientDataAccessException} for lost connections and
     * exhausted retries; other failures are returned unchanged.
     */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof EcommerceException) {
            return failure;
        }
        SQLException sql = sqlException(failure);
        String message = sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage();
        return switch (classify(failure)) {
            case RETRY -> new TransientDataAccessException("gave up after retries: " + message, failure, true, false);
            case TIMEOUT -> new StatementTimeoutException(message, failure);
            case CONNECTION_LOST -> new TransientDataAccessException("connection lost: " + message, failure);
            case RULE -> rule(message, failure);
            case DATA -> {
                ValidationException invalid = new ValidationException("value", "cannot be stored: " + message);
                invalid.initCause(failure);
                yield invalid;
            }
            case OTHER -> failure;
        };
    }

    /** Whether the failure is a refusal by {@code rule}. */
    public static boolean isRule(Throwable failure, Rule rule) {
        return ruleOf(failure).filter(rule::equals).isPresent();
    }

    /** The catalogued rule whose refusal the failure is, if it is one. */
    public static Optional<Rule> ruleOf(Throwable failure) {
        return refusalOf(failure).flatMap(refused -> Rule.byName(refused.name()));
    }

    /**
     * A refusal as the database reported it: the name of the rule (in the catalogue or not, e.g. a
     * primary key) and the fields it carries by name (a trigger rule's; none for a constraint).
     */
    record Refused(String name, Map<String, String> fields) {
    }

    /** The refusal in the failure's causes, read as the class comment says. */
    static Optional<Refused> refusalOf(Throwable failure) {
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof RuleRefusal refusal) {
                return Optional.of(new Refused(refusal.rule().databaseName(), refusal.fields()));
            }
        }
        for (Throwable cause : causes) {
            if (PostgresqlDriver.present() && cause instanceof SQLException sql) {
                Optional<Refused> refused = PostgresRefusals.of(sql);
                if (refused.isPresent()) {
                    return refused;
                }
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SQLException sql && cause.getClass().getName().startsWith("org.h2.")
                    && H2_CONSTRAINT_VIOLATIONS.contains(sql.getErrorCode()) && sql.getMessage() != null) {
                Matcher name = H2_CONSTRAINT_NAME.matcher(sql.getMessage());
                if (name.find()) {
                    return Optional.of(new Refused(name.group(1), Map.of()));
                }
            }
        }
        return Optional.empty();
    }

    private static EcommerceException rule(String message, RuntimeException failure) {
        Optional<Refused> refused = refusalOf(failure);
        Optional<Rule> rule = refused.flatMap(r -> Rule.byName(r.name()));
        if (rule.isPresent()) {
            try {
                return typed(rule.get(), refused.get().fields(), message, failure);
            } catch (MissingField e) {
                // a refusal without the fields its rule promises (raised by hand, not by the rule): by name only
            }
        }
        String state = sqlState(failure);
        if ("23502".equals(state)) {
            // a NOT NULL refusal quotes the row as a CHECK's does (see typed): its first line names the column
            String column = firstLine(message);
            return new RuleViolationException(refused.map(Refused::name).orElse("integrity"), column,
                    new SQLException(column, state), refused.map(Refused::fields).orElse(Map.of()));
        }
        return new RuleViolationException(refused.map(Refused::name).orElse("integrity"), message, failure,
                refused.map(Refused::fields).orElse(Map.of()));
    }

    private static String sqlState(Throwable failure) {
        SQLException sql = sqlException(failure);
        return sql == null ? null : sql.getSQLState();
    }

    /** The message up to its first line break or H2's "; SQL statement:", which quotes the statement. */
    private static String firstLine(String message) {
        String first = message.lines().findFirst().orElse("");
        int statement = first.indexOf("; SQL statement:");
        return statement < 0 ? first : first.substring(0, statement);
    }

    private static EcommerceException typed(Rule rule, Map<String, String> fields, String message, RuntimeException failure) {
        return switch (rule.refusal()) {
            case OUT_OF_STOCK -> {
                long product = id(fields, "product_id");
                yield caused(fields.containsKey("requested") && fields.containsKey("available")
                        ? new OutOfStockException(product, count(fields, "requested"), count(fields, "available"))
                        : new OutOfStockException(product), failure);
            }
            case REVIEW_NOT_ALLOWED -> caused(new ReviewNotAllowedException(id(fields, "customer_id"), id(fields, "product_id")),
                    failure);
            case INVALID_STATUS_TRANSITION -> caused(rule == Rule.RETURN_LINE_RETURN_PENDING
                    // a closed return's lines are frozen with it
                    ? new InvalidStatusTransitionException("return", text(fields, "status"), "changed")
                    : new InvalidStatusTransitionException(entity(rule.table()), text(fields, "from"), text(fields, "to")),
                    failure);
            case RETURN_EXCEEDS_PURCHASE -> caused(new ReturnExceedsPurchaseException(id(fields, "product_id")), failure);
            // The database's error quotes the taken value (an email, a card token) in its message and
            // detail, and a logged stack trace would leak it: the cause keeps only the rule and SQLSTATE.
            // The last column is the value; those before it scope it (customer_id, idempotency_key).
            case DUPLICATE -> caused(new DuplicateException(camelCase(rule.columns().get(rule.columns().size() - 1))),
                    new SQLException(rule.databaseName() + ": a unique value is taken", "23505"));
            // The library deletes no referenced row: a foreign key refuses a reference to a missing one.
            case NOT_FOUND -> caused(new NotFoundException(entity(rule.references().orElseThrow()),
                    "referenced by " + entity(rule.table())), failure);
            // A CHECK's refusal quotes the whole row (PostgreSQL's "Failing row contains", H2's
            // statement), secrets such as a password hash or a card token among its values: as for a
            // taken value, the exception and its cause say the rule and its guarantee only.
            case RULE_VIOLATION -> rule.kind() == Rule.Kind.CHECK
                    ? new RuleViolationException(rule.databaseName(), rule.guarantee(),
                            new SQLException(rule.databaseName() + ": " + rule.guarantee(), sqlState(failure)), fields)
                    : new RuleViolationException(rule.databaseName(), message, failure, fields);
        };
    }

    private static <E extends EcommerceException> E caused(E typed, Throwable cause) {
        typed.initCause(cause);
        return typed;
    }

    /** A field that the refusal should carry but does not. */
    private static final class MissingField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingField(String name) {
            super(name, null, false, false);
        }
    }

    private static String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new MissingField(name);
        }
        return value;
    }

    private static long id(Map<String, String> fields, String name) {
        try {
            return Long.parseLong(text(fields, name));
        } catch (NumberFormatException e) {
            throw new MissingField(name);
        }
    }

    private static int count(Map<String, String> fields, String name) {
        try {
            return Integer.parseInt(text(fields, name));
        } catch (NumberFormatException e) {
            throw new MissingField(name);
        }
    }

    /** What a table's row is called in the library's errors. */
    private static String entity(String table) {
        return switch (table) {
            case "orders" -> "order";
            case "order_return" -> "return";
            default -> table.replace('_', ' ');
        };
    }

    private static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** The failure and its causes, each once, with the exceptions an SQLException chains after it. */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> causes = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable next = pending.remove(0);
            if (next == null || !seen.add(next)) {
                continue;
            }
            causes.add(next);
            pending.add(next.getCause());
            if (next instanceof SQLException sql) {
                pending.add(sql.getNextException());
            }
        }
        return causes;
    }

    /** The first SQLException among the failure and its causes, or null. */
    static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
