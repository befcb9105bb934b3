package org.ecommerce.dao;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.ecommerce.dao.basket.BasketRepository;
import org.ecommerce.dao.basket.JooqBasketRepository;
import org.ecommerce.dao.catalog.CatalogRepository;
import org.ecommerce.dao.catalog.JooqCatalogRepository;
import org.ecommerce.dao.customer.CustomerRepository;
import org.ecommerce.dao.customer.JooqCustomerRepository;
import org.ecommerce.dao.delivery.DeliveryRepository;
import org.ecommerce.dao.delivery.JooqDeliveryRepository;
import org.ecommerce.dao.interaction.InteractionRepository;
import org.ecommerce.dao.interaction.JooqInteractionRepository;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.dao.internal.ObservedOperations;
import org.ecommerce.dao.internal.ReplicaReads;
import org.ecommerce.dao.internal.StatementLog;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.observation.OperationObserver;
import org.ecommerce.dao.order.JooqOrderRepository;
import org.ecommerce.dao.order.OrderRepository;
import org.ecommerce.dao.recommendation.JooqRecommendationRepository;
import org.ecommerce.dao.recommendation.RecommendationModel;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.dao.returns.JooqReturnRepository;
import org.ecommerce.dao.returns.ReturnRepository;
import org.ecommerce.dao.review.JooqReviewRepository;
import org.ecommerce.dao.review.ReviewRepository;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.SchemaVersionException;
import org.ecommerce.schema.UnsupportedEngineException;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The library's entry point: the repositories over one {@code DataSource}.
 *
 * <pre>{@code
 * EcommerceSchema.migrate(dataSource);
 * Ecommerce shop = Ecommerce.create(dataSource);
 * Customer ada = shop.customers().register(new RegisterCustomer(...));
 * Order order = shop.orders().place(PlaceOrder.of(ada.id(), card.id(), "request-42", new OrderItem(productId, 2)));
 * }</pre>
 *
 * <p>Thread-safe; create one per data source and share it. The data source should pool connections.
 */
public final class Ecommerce {

    private final DataSource dataSource;
    private final Engine engine;
    private final Settings settings;
    private final ObservedOperations observed;
    private final TransactionRunner tx;
    private final ReplicaReads replicaReads;
    private final CustomerRepository customers;
    private final CatalogRepository catalog;
    private final OrderRepository orders;
    private final BasketRepository baskets;
    private final DeliveryRepository deliveries;
    private final ReturnRepository returns;
    private final ReviewRepository reviews;
    private final RecommendationRepository recommendations;
    private final InteractionRepository interactions;

    private Ecommerce(Builder b) {
        this.dataSource = b.dataSource;
        this.engine = engineOf(b.dataSource);
        if (b.checkSchemaVersion) {
            MigrationOptions where = MigrationOptions.defaults().historyTable(b.historyTable);
            EcommerceSchema.requireCurrent(b.dataSource, b.schema == null ? where : where.schema(b.schema));
        }
        this.settings = settings(b.schema, b.statementTimeout);
        DSLContext root = DSL.using(b.dataSource, engine.dialect(), settings);
        if (b.slowStatementThreshold != null || b.logEveryStatement) {
            StatementLog log = new StatementLog(b.slowStatementThreshold, b.logEveryStatement);
            root.configuration().set(log.listener()).data(StatementLog.class.getName(), log);
        }
        this.observed = new ObservedOperations(b.observer, engine);
        this.replicaReads = new ReplicaReads(b.dataSource, replicaOf(engine, b.dataSource, b.readReplica), engine,
                b.replicaMaxLag, b.replicaCatchUpTimeout, observed::readOnPrimaryInstead);
        this.tx = new TransactionRunner(root, b.maxRetries, b.retryPause, b.callerTransactions, observed::retried,
                replicaReads);
        JooqOrderRepository plainOrders = new JooqOrderRepository(tx, b.clock);
        JooqRecommendationRepository plainRecommendations = new JooqRecommendationRepository(tx, b.recommendationModel);
        this.customers = observed.repository(CustomerRepository.class, "customers", new JooqCustomerRepository(tx, b.passwordHasher));
        this.catalog = observed.repository(CatalogRepository.class, "catalog", new JooqCatalogRepository(tx));
        this.orders = observed.repository(OrderRepository.class, "orders", plainOrders);
        this.baskets = observed.repository(BasketRepository.class, "baskets", new JooqBasketRepository(tx, plainOrders));
        this.deliveries = observed.repository(DeliveryRepository.class, "deliveries", new JooqDeliveryRepository(tx));
        this.returns = observed.repository(ReturnRepository.class, "returns", new JooqReturnRepository(tx, b.clock));
        this.reviews = observed.repository(ReviewRepository.class, "reviews", new JooqReviewRepository(tx));
        this.recommendations = observed.repository(RecommendationRepository.class, "recommendations", plainRecommendations);
        this.interactions = observed.repository(InteractionRepository.class, "interactions",
                new JooqInteractionRepository(tx, plainRecommendations));
    }

    /**
     * The replica for reads: PostgreSQL's as given; none on H2, which has no replicas, where the
     * replica must be the primary's own database (reads then simply use the primary).
     */
    private static DataSource replicaOf(Engine engine, DataSource primary, DataSource replica) {
        if (replica == null || engine == Engine.POSTGRESQL) {
            return replica;
        }
        if (replica != primary && !databaseName(replica).equals(databaseName(primary))) {
            throw new IllegalArgumentException("H2 has no replicas: readReplica must be the primary's own database, not "
                    + databaseName(replica));
        }
        return null;
    }

    private static String databaseName(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATABASE() AS name")) {
            rs.next();
            return rs.getString("name");
        } catch (SQLException e) {
            throw new IllegalArgumentException("H2 has no replicas: readReplica must be the primary's own database, "
                    + "and this one cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The engine, checked for the settings the library needs (H2's), whether or not the schema version is. */
    private static Engine engineOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Engine engine = Engine.of(connection);
            engine.requireSettings(connection);
            return engine;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a connection to detect the database engine: " + e.getMessage(), e);
        }
    }

    /**
     * The library with default settings on an already migrated database.
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+, or is H2 without
     *                                     {@link EcommerceSchema#H2_URL_SETTINGS}
     * @throws SchemaVersionException if the database is not migrated to {@link EcommerceSchema#LATEST_VERSION}
     */
    public static Ecommerce create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder for non-default settings. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The jOOQ settings the library renders SQL with when its tables are in the connection's
     * current schema: unquoted, unqualified lower-case names, which PostgreSQL and H2 (in
     * {@code DATABASE_TO_LOWER} mode or not) resolve to the same tables; and no jOOQ execute
     * logging (it costs on every statement even when debug is off; see
     * {@link Builder#logEveryStatement}).
     */
    public static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withRenderSchema(false)
                .withExecuteLogging(false);
    }

    /** {@link #settings()}, with names qualified by {@code schema} when one is set, and a query timeout. */
    private static Settings settings(String schema, Duration statementTimeout) {
        Settings settings = settings();
        if (schema != null) {
            // the generated classes belong to the default (unnamed) schema: map it to the chosen one
            settings = settings.withRenderSchema(true)
                    .withRenderMapping(new RenderMapping().withSchemata(new MappedSchema().withInput("").withOutput(schema)));
        }
        if (statementTimeout != null) {
            // JDBC counts whole seconds: a started second counts as one
            long seconds = Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
            settings = settings.withQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        }
        return settings;
    }

    /**
     * The jOOQ settings of this instance: {@link #settings()} plus its schema and statement
     * timeout. For query objects that render SQL outside {@link #read}.
     */
    public Settings jooqSettings() {
        return (Settings) settings.clone();
    }

    /** Customers and their payment methods. */
    public CustomerRepository customers() {
        return customers;
    }

    /** Brands, categories, products. */
    public CatalogRepository catalog() {
        return catalog;
    }

    /** Each customer's basket. */
    public BasketRepository baskets() {
        return baskets;
    }

    /** Orders. */
    public OrderRepository orders() {
        return orders;
    }

    /** Deliveries. */
    public DeliveryRepository deliveries() {
        return deliveries;
    }

    /** Returns. */
    public ReturnRepository returns() {
        return returns;
    }

    /** Reviews. */
    public ReviewRepository reviews() {
        return reviews;
    }

    /** Interactions of customers with products; each one updates a recommendation score. */
    public InteractionRepository interactions() {
        return interactions;
    }

    /** Recommendations: top-N per customer, also-bought, rebuild. */
    public RecommendationRepository recommendations() {
        return recommendations;
    }

    /** The engine behind the data source. */
    public Engine engine() {
        return engine;
    }

    /** The data source of the primary database, where every write goes. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Opens a connection for a read outside any transaction, for example a streamed query
     * object: on the replica when one is set and can serve (see {@link Builder#readReplica}),
     * else on the primary. The caller closes it.
     */
    public Connection openReadConnection() throws SQLException {
        return replicaReads.acquire();
    }

    /**
     * Starts a streamed read outside any transaction as the operation {@code operation}, observed
     * like a repository call until {@code open} returns: {@code open} gets a connection as
     * {@link #openReadConnection()} chooses it (a replica that cannot serve is reported to the
     * observer), runs the read's query on it and keeps it, to close when the stream is closed, or
     * at once when it fails. For query objects' streams: their observation covers the query up
     * to its first rows, not the reading of the rest.
     *
     * @throws ConnectionUnavailableException if no connection can be opened
     */
    public <T> T openRead(String operation, Function<Connection, T> open) {
        Objects.requireNonNull(open, "open");
        return observed.observe(Objects.requireNonNull(operation, "operation"), () -> {
            Connection connection;
            try {
                connection = replicaReads.acquire();
            } catch (SQLException e) {
                throw new ConnectionUnavailableException("cannot open a connection: " + e.getMessage(), e);
            }
            return open.apply(connection);
        });
    }

    /**
     * Where the primary's log stands now: every transaction committed before this call is at or
     * before it. Hand it to {@link #readingAfter} (in this request or a later one of the same
     * user) so that replica reads show those commits. {@link ReplicationPosition#NONE} without a
     * replica or on H2. Costs one query on the primary.
     *
     * <p>Take it after the transaction whose writes it must cover has committed (in Spring, once
     * the {@code @Transactional} method has returned): inside a transaction the position would
     * stand before that transaction's own commit.
     *
     * @throws IllegalStateException inside a transaction (the library's own or the caller's)
     * @throws TransientDataAccessException if the primary cannot be reached
     */
    public ReplicationPosition primaryPosition() {
        if (tx.inTransaction()) {
            throw new IllegalStateException("the primary's position inside a transaction stands before the transaction's"
                    + " own commit: take it after the transaction has committed");
        }
        return positionNow();
    }

    private ReplicationPosition positionNow() {
        try {
            return replicaReads.primaryPosition();
        } catch (SQLException e) {
            throw ErrorTranslator.translate(new org.jooq.exception.DataAccessException(e.getMessage(), e));
        }
    }

    /**
     * Runs {@code reads} so that every replica read in it shows what was committed on the primary
     * up to {@code position}: it first waits for the replica to replay that far, at most
     * {@link Builder#replicaCatchUpTimeout}, and reads on the primary when the replica does not
     * get there in time (reported like any other read the replica did not serve).
     */
    public <T> T readingAfter(ReplicationPosition position, Function<Ecommerce, T> reads) {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reads, "reads");
        return replicaReads.after(position, () -> reads.apply(this));
    }

    /**
     * Read-your-writes: runs {@code reads} so that they show everything committed on the primary
     * before this call, such as the caller's own order placed just before. The same as
     * {@code readingAfter(primaryPosition(), reads)}; inside a transaction, whose reads run on the
     * primary and see its writes, it runs {@code reads} as they are.
     */
    public <T> T readYourWrites(Function<Ecommerce, T> reads) {
        if (tx.inTransaction()) {
            return reads.apply(this);
        }
        return readingAfter(positionNow(), reads);
    }

    /**
     * Runs several repository calls in one transaction: they all commit, or none does. Repository
     * calls and query objects inside {@code work} (on this thread) join the transaction, each in a
     * savepoint: a refused call undoes only itself and throws its typed error (an
     * {@link OutOfStockException}, say) inside {@code work}, which may catch it and go on, on both
     * engines; uncaught, it rolls the whole transaction back. On a serialization failure or
     * deadlock, caught or not, the whole of {@code work} runs again, so it must not have effects
     * outside the database. When the library owns the transaction (no caller's transaction to
     * join), a failure caught outside any savepoint (reading a query object's stream, say) that
     * left PostgreSQL's transaction aborted makes it roll back, nothing written, and this method
     * throws {@link IllegalStateException} rather than report a commit. Observed as one operation,
     * {@code transaction}.
     */
    public <T> T inTransaction(Function<Ecommerce, T> work) {
        Objects.requireNonNull(work, "work");
        return observed.observe("transaction", () -> tx.block(dsl -> work.apply(this)));
    }

    /**
     * Like {@link #inTransaction(Function)} for work without a result: several calls commit or roll
     * back together. (A second {@code inTransaction} taking a {@code Consumer} would make every
     * lambda that returns a value ambiguous, hence the other name.)
     */
    public void runInTransaction(Consumer<Ecommerce> work) {
        Objects.requireNonNull(work, "work");
        inTransaction(shop -> {
            work.accept(shop);
            return null;
        });
    }

    /**
     * Runs repository calls and query objects inside a transaction that the caller owns on
     * {@code connection} (auto-commit off). The library never commits or rolls it back: each
     * repository call runs in a savepoint, so a refused call undoes only itself and throws its
     * typed error, leaving the caller's earlier writes to the caller. Nothing is retried; a
     * {@link TransientDataAccessException} whose {@code retryTransaction()} is true asks the
     * caller to roll back and run its transaction again. Query objects read on the same
     * connection and see its uncommitted writes.
     *
     * <pre>{@code
     * connection.setAutoCommit(false);
     * insertAuditRow(connection);
     * Order order = shop.joinTransaction(connection, s -> s.orders().place(request));
     * connection.commit();
     * }</pre>
     *
     * @throws IllegalStateException if the connection is in auto-commit mode, or the calling
     *                               thread is already inside a transaction of this library
     */
    public <T> T joinTransaction(Connection connection, Function<Ecommerce, T> work) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(work, "work");
        return tx.joining(connection, () -> work.apply(this));
    }

    /**
     * Whether the calling thread is inside a transaction that library calls join: an
     * {@link #inTransaction} block, {@link #joinTransaction}, or the caller's transaction reported
     * by the {@link CallerTransactions} of the builder.
     */
    public boolean isInTransaction() {
        return tx.inTransaction();
    }

    /**
     * Runs a read as the operation {@code operation} (observed like a repository call), on the
     * connection of the current transaction when there is one, so that it sees that transaction's
     * writes; otherwise on a connection of the replica when one is set and can serve (see
     * {@link Builder#readReplica}), else of the primary, in its own mode, closed afterwards. The
     * context carries this instance's dialect and settings. This is how the query objects of
     * {@code ecommerce-queries} run; it is open to queries of your own on the library's tables
     * (reads only: a replica refuses writes).
     */
    public <T> T read(String operation, Function<DSLContext, T> work) {
        Objects.requireNonNull(work, "work");
        return observed.observe(Objects.requireNonNull(operation, "operation"), () -> tx.replicaRead(work));
    }

    /** Settings for {@link Ecommerce}. */
    public static final class Builder {

        private final DataSource dataSource;
        private int maxRetries = 5;
        private Duration retryPause = Duration.ofMillis(10);
        private PasswordHasher passwordHasher = PasswordHasher.argon2id();
        private Clock clock = Clock.systemUTC();
        private RecommendationModel recommendationModel = RecommendationModel.DEFAULT;
        private String schema;
        private CallerTransactions callerTransactions = CallerTransactions.NONE;
        private OperationObserver observer = OperationObserver.NONE;
        private Duration statementTimeout;
        private Duration slowStatementThreshold;
        private boolean logEveryStatement;
        private DataSource readReplica;
        private Duration replicaMaxLag = Duration.ofSeconds(5);
        private Duration replicaCatchUpTimeout = Duration.ofSeconds(1);
        private String historyTable = MigrationOptions.defaults().historyTable();
        private boolean checkSchemaVersion = true;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** How often a transaction is run again after a serialization failure or deadlock (default 5). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The mean pause before the first retry, growing with each further one (default 10 ms). */
        public Builder retryPause(Duration retryPause) {
            this.retryPause = Objects.requireNonNull(retryPause, "retryPause");
            return this;
        }

        /** How passwords are hashed (default Argon2id with OWASP's minimum parameters). */
        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
            return this;
        }

        /** The clock for dates the library computes, such as return due dates (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How top-N recommendations blend their signals (default {@link RecommendationModel#DEFAULT}).
         * The score half-life is not set here: the database applies it on every interaction, so it
         * is one setting for all services ({@code recommendations().changeHalfLife}).
         */
        public Builder recommendationModel(RecommendationModel recommendationModel) {
            this.recommendationModel = Objects.requireNonNull(recommendationModel, "recommendationModel");
            return this;
        }

        /**
         * The schema that holds the library's tables, when it is not the connection's current
         * schema (the one given to {@code EcommerceSchema.migrate} with
         * {@code MigrationOptions.schema}): every statement then names its tables with it.
         */
        public Builder schema(String schema) {
            Objects.requireNonNull(schema, "schema");
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
            }
            this.schema = schema;
            return this;
        }

        /**
         * The table that records the library's migrations, when it is not
         * {@code ecommerce_schema_history} (the one given to {@code MigrationOptions.historyTable}):
         * {@link #build()} reads the schema version there.
         */
        public Builder historyTable(String historyTable) {
            this.historyTable = MigrationOptions.defaults().historyTable(historyTable).historyTable();
            return this;
        }

        /**
         * Whether {@link #build()} checks that the database is at {@link EcommerceSchema#LATEST_VERSION}
         * (default true: a database that is not migrated fails at once, with
         * {@link SchemaVersionException}, instead of at the first call that needs a missing table).
         */
        public Builder checkSchemaVersion(boolean checkSchemaVersion) {
            this.checkSchemaVersion = checkSchemaVersion;
            return this;
        }

        /**
         * Where to find a transaction that the application owns, for the library to join (default:
         * none; every call runs in a transaction of its own). The Spring Boot starter sets one on
         * Spring's transactions; see {@link CallerTransactions}.
         */
        public Builder callerTransactions(CallerTransactions callerTransactions) {
            this.callerTransactions = Objects.requireNonNull(callerTransactions, "callerTransactions");
            return this;
        }

        /** Who watches each repository call and query run (default: nobody, at no cost). */
        public Builder observedBy(OperationObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * How long one statement may run before the database cancels it and the call fails with
         * {@link StatementTimeoutException} (default: no limit). JDBC counts whole seconds, so it
         * is rounded up to the next second.
         */
        public Builder statementTimeout(Duration statementTimeout) {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (statementTimeout.isNegative() || statementTimeout.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive");
            }
            this.statementTimeout = statementTimeout;
            return this;
        }

        /**
         * Statements that take at least this long are logged at WARN on the logger
         * {@value StatementLog#LOGGER}, with their SQL and bound values (never the values of a
         * statement naming a password hash or a processor token). Default: none logged.
         */
        public Builder slowStatementThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("slowStatementThreshold must not be negative");
            }
            this.slowStatementThreshold = threshold;
            return this;
        }

        /**
         * Whether every statement is logged at DEBUG on {@value StatementLog#LOGGER}, with the
         * same care for secrets (default false: the check costs a little on every statement).
         */
        public Builder logEveryStatement(boolean logEveryStatement) {
            this.logEveryStatement = logEveryStatement;
            return this;
        }

        /**
         * A PostgreSQL hot standby of the primary (streaming replication) for the reads that may
         * be a little behind: query objects, {@code recommendations().topFor} and
         * {@code alsoBought}, and catalogue browsing ({@code catalog().byCategory}, {@code byBrand},
         * {@code brands}, {@code categories}). Writes, everything else, and every read inside a
         * transaction run on the primary. A read runs on the primary instead when the replica is
         * unreachable, is no longer a standby (promoted), is further behind than
         * {@link #replicaMaxLag}, or has not caught up with the position a read asked for
         * ({@link Ecommerce#readingAfter}); each such read is logged on {@value ReplicaReads#LOGGER}
         * when the replica stops serving and counted by the observer (Micrometer:
         * {@code ecommerce.operation.replica.bypassed}). A replica that could not be reached is
         * left alone for 5 s, during which reads go to the primary without waiting for it; how long
         * one attempt waits is the replica pool's connection timeout. A pool that timed out only
         * because its connections were all in use (HikariCP's timeout without a cause) sends that
         * read to the primary, and the next read tries the replica again. A replica costs each routed
         * read one small query on the replica to measure its lag.
         *
         * <p>H2 has no replicas: there the replica must be the primary's own database (reads use
         * it as always), and a different one is refused.
         *
         * @throws IllegalArgumentException (at {@link #build}) on H2, if the replica is another database
         */
        public Builder readReplica(DataSource replica) {
            this.readReplica = Objects.requireNonNull(replica, "replica");
            return this;
        }

        /**
         * How far a replica may be behind and still serve reads (default 5 s): the age of the
         * last transaction it replayed while it has received log it has not replayed yet.
         */
        public Builder replicaMaxLag(Duration maxLag) {
            Objects.requireNonNull(maxLag, "maxLag");
            if (maxLag.isNegative()) {
                throw new IllegalArgumentException("replicaMaxLag must not be negative");
            }
            this.replicaMaxLag = maxLag;
            return this;
        }

        /**
         * How long a read in {@link Ecommerce#readingAfter} or {@link Ecommerce#readYourWrites}
         * waits for the replica to replay the position it needs before it reads on the primary
         * instead (default 1 s).
         */
        public Builder replicaCatchUpTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("replicaCatchUpTimeout must not be negative");
            }
            this.replicaCatchUpTimeout = timeout;
            return this;
        }

        /**
         * Builds the library.
         *
         * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+, or is H2 without
         *                                     {@link EcommerceSchema#H2_URL_SETTINGS}
         * @throws SchemaVersionException if the database is not migrated to {@link EcommerceSchema#LATEST_VERSION}
         */
        public Ecommerce build() {
            return new Ecommerce(this);
        }
    }
}
