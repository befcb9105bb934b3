package org.ecommerce.queries;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ecommerce.dao.ConnectionUnavailableException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One analytics question with its parameters bound: run it for its rows, or show the SQL it runs.
 *
 * <p>Every subclass is immutable and thread-safe, validates its parameters when it is created
 * (a {@link org.ecommerce.dao.ValidationException} names the bad one), and returns its rows in a
 * documented, deterministic order. The same statement runs on H2 and PostgreSQL; jOOQ renders it
 * for the engine of the connection.
 *
 * <pre>{@code
 * List<LowStockProducts.Row> rows = LowStockProducts.below(200).fetch(shop);
 * try (Stream<CustomersWithoutPurchase.Row> all = CustomersWithoutPurchase.all().stream(dataSource)) {
 *     all.forEach(exporter::write);
 * }
 * String text = LowStockProducts.below(200).sql(Engine.POSTGRESQL);
 * }</pre>
 *
 * @param <R> the type of one result row
 */
public abstract sealed class AnalyticsQuery<R> permits TopCustomersByExpenditure, TopCustomersByInteractions,
        CustomersWithoutPurchase, MostPopularProducts, TopSellersPerCategory, InteractionsByHourOfDay,
        LowStockProducts, TopBrandsBySales, RevenuePerGenderPerCategory, CustomersWithOrders,
        CustomersWithOpenBaskets, TopSellersPerCategoryWithRevenue, MonthlySalesGrowth {

    /** Rows per round trip while streaming: large results never sit in memory whole. */
    private static final int FETCH_SIZE = 1_000;

    AnalyticsQuery() {
    }

    /** The statement, built with {@code dsl}, whose dialect decides how it is rendered. */
    abstract ResultQuery<?> query(DSLContext dsl);

    /**
     * Whether this query's result grows with the order history (millions of rows), so that its
     * raw form would not fit in memory beside its rows: {@link #fetch} then reads it a row at a
     * time ({@link #copied} on PostgreSQL, the cursor of {@link #stream} on H2) rather than whole.
     */
    boolean resultGrowsWithHistory() {
        return false;
    }

    /**
     * All rows of a question whose {@linkplain #resultGrowsWithHistory() result grows with the
     * history}, on a PostgreSQL
     * connection in auto-commit mode: read from the statement's {@code COPY ... TO STDOUT} stream
     * (see {@link PostgresCopyRows}), so that the server may run it in parallel while memory holds
     * only the rows.
     */
    List<R> copied(Connection connection, Settings settings) throws SQLException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is read whole");
    }

    /** The statement's records, in their order, as rows. */
    abstract Stream<R> rows(Stream<? extends Record> records);

    /**
     * All rows, read through the library: observed as the operation
     * {@code queries.<class name>}, with the library's schema and statement timeout, and on the
     * connection of the current transaction when there is one (an {@code inTransaction} block,
     * {@code joinTransaction}, or the application's transaction the library joins), so that they
     * include that transaction's uncommitted writes. Outside a transaction, as
     * {@link #fetch(DataSource)} reads, on the library's replica when it has one that can serve.
     */
    public final List<R> fetch(Ecommerce shop) {
        Objects.requireNonNull(shop, "shop");
        return shop.read(operation(), dsl -> {
            try {
                return dsl.connectionResult(connection -> fetchOn(connection, dsl.settings()));
            } catch (RuntimeException e) {
                throw ErrorTranslator.translate(e);
            }
        });
    }

    /**
     * All rows, read on a connection of {@code dataSource} (H2 2.x or PostgreSQL 15+), with the
     * library's tables in the connection's current schema.
     *
     * <p>The statement runs as it is, on the connection's own transaction mode, and its result is
     * read whole: unlike {@link #stream}, no cursor and no fetch size. That matters on PostgreSQL,
     * which runs a statement read in batches through a cursor without parallel workers, and which
     * otherwise may split a large aggregate over several cores, as psql gets it. The exception is a
     * question whose result grows with the order history ({@link CustomersWithOrders#all()}), whose
     * raw form would not fit in memory beside its rows: on PostgreSQL it is read as the binary
     * stream of {@code COPY (query) TO STDOUT (FORMAT binary)}, a row at a time (the query still
     * runs in parallel); on H2 as {@link #stream} reads it.
     */
    public final List<R> fetch(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = open(dataSource)) {
            return fetchOn(connection, Ecommerce.settings());
        } catch (RuntimeException e) {
            throw ErrorTranslator.translate(e);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(new DataAccessException(e.getMessage(), e));
        }
    }

    private List<R> fetchOn(Connection connection, Settings settings) throws SQLException {
        try {
            Engine engine = Engine.of(connection);
            if (resultGrowsWithHistory()) {
                if (engine == Engine.POSTGRESQL && connection.getAutoCommit()) {
                    return copied(connection, settings);
                }
                try (Stream<R> rows = streamOn(connection, settings, false)) {
                    return rows.toList();
                }
            }
            DSLContext dsl = DSL.using(connection, engine.dialect(), settings);
            try (Stream<? extends Record> records = query(dsl).fetchStream()) {
                return rows(records).toList();
            }
        } catch (SQLException e) {
            // from the driver directly (COPY, connection state): classified by its SQLSTATE like jOOQ's
            throw ErrorTranslator.translate(new DataAccessException(e.getMessage(), e));
        }
    }

    /**
     * The rows as a lazy stream through the library, read {@value #FETCH_SIZE} at a time: see
     * {@link #stream(DataSource)}. Inside a transaction the stream reads on that transaction's
     * connection (close it before the transaction ends); outside, on a connection of its own with
     * the library's schema and statement timeout: the replica's when the library has one that can
     * serve, else the primary's. A timeout (the library's, or a Spring transaction's) bounds the
     * query until its first rows; on PostgreSQL the later batches are fetched without one. The
     * library's observer sees the query as its operation until its first rows.
     */
    public final Stream<R> stream(Ecommerce shop) {
        Objects.requireNonNull(shop, "shop");
        if (shop.isInTransaction()) {
            return shop.read(operation(), dsl -> dsl.connectionResult(c -> streamOn(c, dsl.settings(), false)));
        }
        return shop.openRead(operation(), connection -> streamOn(connection, shop.jooqSettings(), true));
    }

    /**
     * The rows as a lazy stream, read {@value #FETCH_SIZE} at a time, for results too large to hold
     * in memory. The stream holds a connection until it is closed: use try-with-resources.
     *
     * <p>On a connection in auto-commit mode the query runs in its own read transaction (PostgreSQL
     * reads through a cursor only inside one), rolled back on close. A connection already in a
     * transaction is used as it is and left to its owner.
     */
    public final Stream<R> stream(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return streamOn(open(dataSource), Ecommerce.settings(), true);
    }

    /** The rows through a cursor on {@code connection}, closed with the stream when {@code own}. */
    private Stream<R> streamOn(Connection connection, Settings settings, boolean own) {
        boolean ownTransaction = false;
        try {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                ownTransaction = true;
            }
            boolean endTransaction = ownTransaction;
            DSLContext dsl = DSL.using(connection, Engine.of(connection).dialect(), settings);
            Stream<? extends Record> records = query(dsl).fetchSize(FETCH_SIZE).fetchStream();
            return rows(records).onClose(() -> {
                records.close();
                release(connection, endTransaction, own);
            });
        } catch (SQLException | RuntimeException e) {
            release(connection, ownTransaction, own);
            throw e instanceof RuntimeException r ? ErrorTranslator.translate(r)
                    : new TransientDataAccessException("cannot run the query: " + e.getMessage(), e);
        }
    }

    private String operation() {
        return "queries." + getClass().getSimpleName();
    }

    /** The SQL this query runs on {@code engine}, with {@code ?} where its parameters are bound. */
    public final String sql(Engine engine) {
        return query(renderer(engine)).getSQL();
    }

    /**
     * The SQL this query runs on {@code engine} with its parameters written in as literals: a text
     * to paste into psql or an {@code EXPLAIN}.
     */
    public final String sqlWithValues(Engine engine) {
        return sqlWithValues(engine, Ecommerce.settings());
    }

    /** The SQL this query runs through {@code shop} (its engine and schema), with {@code ?} for parameters. */
    public final String sql(Ecommerce shop) {
        Objects.requireNonNull(shop, "shop");
        return query(DSL.using(shop.engine().dialect(), shop.jooqSettings())).getSQL();
    }

    final String sqlWithValues(Engine engine, Settings settings) {
        DSLContext renderer = DSL.using(Objects.requireNonNull(engine, "engine").dialect(), settings);
        return renderer.renderInlined(query(renderer));
    }

    private static DSLContext renderer(Engine engine) {
        return DSL.using(Objects.requireNonNull(engine, "engine").dialect(), Ecommerce.settings());
    }

    private static Connection open(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConnectionUnavailableException("cannot open a connection: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, boolean ownTransaction, boolean close) {
        try (AutoCloseable closing = close ? connection : () -> { }) {
            if (ownTransaction && !connection.isClosed()) {
                connection.rollback(); // read only: nothing to keep
                connection.setAutoCommit(true);
            }
        } catch (Exception e) {
            throw new TransientDataAccessException("cannot release the connection: " + e.getMessage(), e);
        }
    }
}
