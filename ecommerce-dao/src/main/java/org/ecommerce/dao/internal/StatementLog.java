package org.ecommerce.dao.internal;

import static org.ecommerce.schema.jooq.Tables.CREDIT_CARD;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Param;

/**
 * Logs the statements the library runs: those slower than a threshold at WARN, and, when asked,
 * every statement at DEBUG, both on the logger {@value #LOGGER} (JDK platform logging, which
 * SLF4J and Spring Boot pick up through their JUL bridges).
 *
 * <p>A statement that names a secret column (a password hash, a card processor's token) is logged
 * without its bound values. Installed only when configured: otherwise no statement pays for it.
 */
public final class StatementLog {

    /** The logger's name. */
    public static final String LOGGER = "org.ecommerce.dao.sql";

    /** Key of the instance in a jOOQ configuration's data, where {@link RenderedStatement} finds it. */
    static final String DATA_KEY = StatementLog.class.getName();

    /** Columns whose values never reach a log. */
    private static final List<String> SECRET_COLUMNS = List.of(
            CUSTOMER.PASSWORD_HASH.getName(), CREDIT_CARD.PROCESSOR_TOKEN.getName());

    private static final Logger LOG = System.getLogger(LOGGER);

    private final long thresholdNanos;
    private final boolean everyStatement;

    /**
     * @param slowThreshold  statements that take at least this long are logged at WARN; null: none
     * @param everyStatement whether every statement is logged at DEBUG
     */
    public StatementLog(Duration slowThreshold, boolean everyStatement) {
        this.thresholdNanos = slowThreshold == null ? Long.MAX_VALUE : slowThreshold.toNanos();
        this.everyStatement = everyStatement;
    }

    /** Records one execution of {@code sql} with {@code values} that took {@code nanos}. */
    void executed(String sql, Object[] values, long nanos) {
        if (logs(nanos)) {
            log(sql, "values " + values(sql, values), nanos);
        }
    }

    /**
     * Records a bulk statement (a {@code COPY}, a load of arrays) of {@code rows} rows that took
     * {@code nanos}, sent on a connection of {@code configuration} outside jOOQ (which sees no such
     * statement): logged as any statement, with its row count in place of values. Nothing happens
     * when no log is configured.
     */
    public static void bulkWritten(Configuration configuration, String sql, long rows, long nanos) {
        if (configuration.data(DATA_KEY) instanceof StatementLog statements && statements.logs(nanos)) {
            statements.log(sql, rows + " rows", nanos);
        }
    }

    private boolean logs(long nanos) {
        return nanos >= thresholdNanos || everyStatement && LOG.isLoggable(Level.DEBUG);
    }

    private void log(String sql, String values, long nanos) {
        boolean slow = nanos >= thresholdNanos;
        String text = String.format(Locale.ROOT, "%.3f ms: %s; %s", nanos / 1e6, sql, values);
        LOG.log(slow ? Level.WARNING : Level.DEBUG, slow ? "slow statement, " + text : text);
    }

    private static String values(String sql, Object[] values) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String secret : SECRET_COLUMNS) {
            if (lower.contains(secret)) {
                return "hidden (the statement names " + secret + ")";
            }
        }
        return Arrays.toString(values);
    }

    /** The same log for the statements jOOQ runs. */
    public ExecuteListener listener() {
        return new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void executeStart(ExecuteContext ctx) {
                ctx.data(DATA_KEY, System.nanoTime());
            }

            @Override
            public void executeEnd(ExecuteContext ctx) {
                Object start = ctx.data(DATA_KEY);
                if (start instanceof Long began && ctx.sql() != null) {
                    Object[] values = ctx.query() == null ? new Object[0]
                            : ctx.query().getParams().values().stream().map(Param::getValue).toArray();
                    executed(ctx.sql(), values, System.nanoTime() - began);
                }
            }
        };
    }
}
