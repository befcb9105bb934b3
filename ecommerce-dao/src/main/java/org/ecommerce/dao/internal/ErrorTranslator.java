package org.ecommerce.dao.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.EcommerceException;
import org.ecommerce.dao.InsufficientBalanceException;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.ReturnExceedsPurchaseException;
import org.ecommerce.dao.ReviewNotAllowedException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.StatementTimeoutException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.ValidationException;

/**
 * Turns a database refusal into the library's typed error.
 *
 * <p>Every rule of the schema has a name (a constraint name, or the name a trigger puts at the
 * start of its message), identical on H2 and PostgreSQL. The translator finds that name in the
 * error message; the SQLSTATE class tells integrity violations (23) from transient failures.
 */
public final class ErrorTranslator {

    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private static final Pattern STATUSES = Pattern.compile("from (\\w+) to (\\w+)");
    /** A constraint name in quotes (both engines quote it), else a trigger's leading "rule_name:". */
    private static final Pattern QUOTED_RULE = Pattern.compile("\"(?:[a-z_][a-z0-9_]*\\.)?([a-z][a-z0-9_]*)");
    /** PostgreSQL names the table first ("new row for relation "t" violates check constraint "c""). */
    private static final Pattern CONSTRAINT_RULE = Pattern.compile("constraint \"(?:[a-z_][a-z0-9_]*\\.)?([a-z][a-z0-9_]*)");
    private static final Pattern LEADING_RULE = Pattern.compile("^(?:error: )?([a-z][a-z0-9_]*):");

    /** Rule name → the typed error for it; checked in this order, so specific names come first. */
    private static final Map<String, Function<String, EcommerceException>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("out_of_stock", m -> new OutOfStockException(number(m, 0)));
        RULES.put("product_stock_not_negative", m -> new OutOfStockException(number(m, 0)));
        RULES.put("review_requires_purchase", m -> new ReviewNotAllowedException(number(m, 0), number(m, 1)));
        RULES.put("gift_card_balance", m -> new InsufficientBalanceException(number(m, 0)));
        RULES.put("delivery_status_transition", m -> transition("delivery", m));
        RULES.put("order_return_status_transition", m -> transition("return", m));
        RULES.put("return_line_return_pending", m -> new InvalidStatusTransitionException("return", "closed", "changed"));
        RULES.put("return_exceeds_purchase", m -> new ReturnExceedsPurchaseException(number(m, 2)));
        RULES.put("customer_email_unique", m -> new DuplicateException("email"));
        RULES.put("brand_name_unique", m -> new DuplicateException("name"));
        RULES.put("category_name_unique", m -> new DuplicateException("name"));
        RULES.put("gift_card_serial_unique", m -> new DuplicateException("serial"));
        RULES.put("credit_card_token_unique", m -> new DuplicateException("processorToken"));
        RULES.put("delivery_tracking_number_unique", m -> new DuplicateException("trackingNumber"));
        RULES.put("order_return_ticket_unique", m -> new DuplicateException("ticketNumber"));
        RULES.put("order_line_product_fk", m -> new NotFoundException("product", "in order"));
        RULES.put("basket_line_product_fk", m -> new NotFoundException("product", "in basket"));
        RULES.put("interaction_customer_fk", m -> new NotFoundException("customer", number(m, 0)));
        RULES.put("interaction_product_fk", m -> new NotFoundException("product", number(m, 0)));
        // H2 runs the interaction's AFTER trigger before checking the interaction's own foreign keys
        RULES.put("recommendation_score_customer_fk", m -> new NotFoundException("customer", number(m, 0)));
        RULES.put("recommendation_score_product_fk", m -> new NotFoundException("product", number(m, 0)));
        RULES.put("orders_payment_method_fk", m -> new NotFoundException("payment method", "of this customer"));
    }

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

    /** Whether the failure is the refusal of the named rule. */
    public static boolean isRule(Throwable failure, String rule) {
        SQLException sql = sqlException(failure);
        return sql != null && sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains(rule);
    }

    private static EcommerceException rule(String message, RuntimeException failure) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Function<String, EcommerceException>> rule : RULES.entrySet()) {
            int at = lower.indexOf(rule.getKey());
            if (at >= 0) {
                // the numbers a trigger reports follow its rule name
                EcommerceException typed = rule.getValue().apply(message.substring(at + rule.getKey().length()));
                // a unique key's refusal quotes the value taken (an email, a card token): a duplicate's
                // cause keeps only the rule's name and the SQLSTATE, so that no log of it shows the value
                typed.initCause(typed instanceof DuplicateException ? new SQLException(rule.getKey()
                        + ": the value is already taken", sqlException(failure).getSQLState()) : failure);
                return typed;
            }
        }
        Matcher constraint = CONSTRAINT_RULE.matcher(lower);
        Matcher quoted = QUOTED_RULE.matcher(lower);
        Matcher leading = LEADING_RULE.matcher(lower);
        String ruleName = constraint.find() ? constraint.group(1)
                : quoted.find() ? quoted.group(1) : leading.find() ? leading.group(1) : "integrity";
        return new RuleViolationException(ruleName, message, failure);
    }

    private static long number(String text, int index) {
        Matcher m = NUMBERS.matcher(text);
        for (int i = 0; m.find(); i++) {
            if (i == index) {
                return Long.parseLong(m.group());
            }
        }
        return 0;
    }

    private static InvalidStatusTransitionException transition(String entity, String message) {
        Matcher m = STATUSES.matcher(message);
        return m.find() ? new InvalidStatusTransitionException(entity, m.group(1), m.group(2))
                : new InvalidStatusTransitionException(entity, "?", "?");
    }

    private static SQLException sqlException(Throwable failure) {
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
