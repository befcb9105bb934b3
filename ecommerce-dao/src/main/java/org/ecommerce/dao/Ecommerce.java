package org.ecommerce.dao;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.order.JooqOrderRepository;
import org.ecommerce.dao.order.OrderRepository;
import org.ecommerce.dao.recommendation.JooqRecommendationRepository;
import org.ecommerce.dao.recommendation.RecommendationModel;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.dao.returns.JooqReturnRepository;
import org.ecommerce.dao.returns.ReturnRepository;
import org.ecommerce.dao.review.JooqReviewRepository;
import org.ecommerce.dao.review.ReviewRepository;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.UnsupportedEngineException;
import org.jooq.DSLContext;
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
    private final TransactionRunner tx;
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
        this.engine = Engine.of(b.dataSource);
        DSLContext root = DSL.using(b.dataSource, engine.dialect(), settings());
        this.tx = new TransactionRunner(root, b.maxRetries, b.retryPause);
        this.customers = new JooqCustomerRepository(tx, b.passwordHasher);
        this.catalog = new JooqCatalogRepository(tx);
        this.orders = new JooqOrderRepository(tx, b.clock);
        this.baskets = new JooqBasketRepository(tx, orders);
        this.deliveries = new JooqDeliveryRepository(tx);
        this.returns = new JooqReturnRepository(tx, b.clock);
        this.reviews = new JooqReviewRepository(tx);
        this.recommendations = new JooqRecommendationRepository(tx, b.recommendationModel);
        this.interactions = new JooqInteractionRepository(tx, recommendations);
    }

    /**
     * The library with default settings on an already migrated database.
     *
     * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+
     */
    public static Ecommerce create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder for non-default settings. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The jOOQ settings the library renders SQL with: unquoted, unqualified lower-case names, which
     * PostgreSQL and H2 (in {@code DATABASE_TO_LOWER} mode or not) resolve to the same tables; and
     * no per-statement execute logging (it costs on every statement even when debug is off).
     */
    public static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withRenderSchema(false)
                .withExecuteLogging(false);
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

    /** The data source, for the query objects of {@code ecommerce-queries}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs several repository calls in one transaction: they all commit, or none does. Repository
     * calls inside {@code work} (on this thread) join the transaction. On a serialization failure
     * or deadlock the whole of {@code work} runs again, so it must not have effects outside the
     * database.
     */
    public <T> T inTransaction(Function<Ecommerce, T> work) {
        Objects.requireNonNull(work, "work");
        return tx.run(dsl -> work.apply(this));
    }

    /** Settings for {@link Ecommerce}. */
    public static final class Builder {

        private final DataSource dataSource;
        private int maxRetries = 5;
        private Duration retryPause = Duration.ofMillis(10);
        private PasswordHasher passwordHasher = PasswordHasher.argon2id();
        private Clock clock = Clock.systemUTC();
        private RecommendationModel recommendationModel = RecommendationModel.DEFAULT;

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
         * Builds the library.
         *
         * @throws UnsupportedEngineException if the database is not H2 2.x or PostgreSQL 15+
         */
        public Ecommerce build() {
            return new Ecommerce(this);
        }
    }
}
