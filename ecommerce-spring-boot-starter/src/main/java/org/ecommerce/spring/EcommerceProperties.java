package org.ecommerce.spring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ecommerce.*} settings of the auto-configured library.
 *
 * @param schema                 Schema of the library's tables. Unset: the connection's current schema.
 * @param historyTable           Table in which the library records its own migrations, apart from the
 *                               application's flyway_schema_history.
 * @param createSchema           Whether the library's migrations create the schema when it does not exist.
 * @param migrateOnStart         Whether the library's migrations run when the application starts.
 * @param maxRetries             How often a transaction of the library's own is run again after a serialization
 *                               failure or deadlock. A transaction of the application's is never retried by the
 *                               library.
 * @param statementTimeout       How long one statement of the library may run before the database cancels it,
 *                               rounded up to whole seconds. Unset: no limit.
 * @param slowStatementThreshold Statements of the library at least this slow are logged at WARN. Unset: none.
 * @param logEveryStatement      Whether every statement of the library is logged at DEBUG.
 */
@ConfigurationProperties("ecommerce")
public record EcommerceProperties(
        String schema,
        @DefaultValue("ecommerce_schema_history") String historyTable,
        @DefaultValue("true") boolean createSchema,
        @DefaultValue("true") boolean migrateOnStart,
        @DefaultValue("5") int maxRetries,
        Duration statementTimeout,
        Duration slowStatementThreshold,
        boolean logEveryStatement) {

    /** Treats a blank schema ({@code ecommerce.schema=}) as unset. */
    public EcommerceProperties {
        if (schema != null && schema.isBlank()) {
            schema = null;
        }
    }
}
