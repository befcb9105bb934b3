package org.ecommerce.dao.recommendation;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_FOLDED;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.ecommerce.schema.jooq.Tables.PRODUCT_POPULARITY;
import static org.ecommerce.schema.jooq.Tables.PRODUCT_SIMILARITY;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SCORE;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SETTING;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.internal.LibrarySchema;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.jooq.tables.ProductPopularity;
import org.ecommerce.schema.jooq.tables.RecommendationScore;
import org.ecommerce.schema.jooq.tables.records.RecommendationSettingRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link RecommendationRepository} on jOOQ.
 *
 * <p>{@link #topFor} runs two statements, each made of index range scans: the customer's scores
 * (with when each was last touched, which tells their open cart), then one statement (derived tables) for every candidate with what the model needs
 * (co-purchase sums over the bought products, favourite shelves, best-sellers, catalogue rows,
 * "already bought"); it blends the signals in Java with {@link RecommendationModel}. A round trip
 * costs more than any of these small index reads, hence two statements rather than fourteen.
 *
 * <p>The rebuild is batch SQL, written out as SQL because it has no parameters and reads best as
 * what it is; its score expression is the one the interaction trigger runs (V15), so rebuilt and
 * incremental scores agree.
 */
public final class JooqRecommendationRepository implements RecommendationRepository {

    /** How many of a customer's scored products are read (their strongest ones). */
    private static final int HISTORY_LIMIT = 500;
    /** How many popular products are considered as candidates beyond the personal ones. */
    private static final int POPULAR_CANDIDATES = 50;
    /** How many of the bought products' neighbours (the strongest overall) are candidates. */
    private static final int NEIGHBOUR_CANDIDATES = 100;
    /** No co-purchase strength: the value of candidates found otherwise, before they are grouped. */
    private static final Field<Double> NONE = inline(0.0);
    /** How many neighbours of each product the rebuild keeps. */
    private static final int NEIGHBOURS_KEPT = 50;
    /** A pair bought together by a single customer is noise with a high cosine; two is the least evidence. */
    private static final int MIN_COMMON_BUYERS = 2;
    /** How many of the customer's favourite categories and brands feed the affinity candidates. */
    private static final int FAVOURITES = 3;
    /** Scores are rounded to this many decimals: engines may differ in the last bit of POWER. */
    private static final double ROUNDING = 1e12;

    /** One interaction's decayed weight, relative to the epoch: the trigger's expression (V15). */
    private static final String DECAYED_WEIGHT = """
            CAST(t.weight AS DOUBLE PRECISION)
                * POWER(CAST(2 AS DOUBLE PRECISION),
                        GREATEST(-1000, LEAST(1000,
                            CAST(EXTRACT(EPOCH FROM i.occurred_at) - m.decay_epoch_seconds AS DOUBLE PRECISION)
                                / m.half_life_seconds)))""";

    /**
     * The decay term of folded interactions (interaction_folded, see
     * {@link org.ecommerce.dao.interaction.InteractionRepository#maintain()}) relative to the
     * current setting: their count times 2 to the power of their effective instant's half-lives
     * since the epoch. Under the setting they were folded with this is their stored sum (up to
     * rounding); after a change of half-life it treats them as one burst at that instant.
     */
    private static final String FOLDED_DECAY = """
            f.interactions * POWER(CAST(2 AS DOUBLE PRECISION),
                GREATEST(-1000, LEAST(1000,
                    (f.half_life_seconds * LN(f.decayed_count / f.interactions) / LN(2)
                        + (f.reference_epoch_seconds - m.decay_epoch_seconds))
                    / m.half_life_seconds)))""";

    /** Each interaction's and each folded group's decayed weight, whether it is a purchase, and its last time. */
    private static final String WEIGHTED = """
            SELECT i.customer_id, i.product_id, %s AS score,
                   CASE WHEN t.name = 'purchase' THEN 1 ELSE 0 END AS purchase, i.occurred_at AS last_at
              FROM interaction i
              JOIN interaction_type t ON t.id = i.type_id
             CROSS JOIN recommendation_setting m
            UNION ALL
            SELECT f.customer_id, f.product_id, CAST(t.weight AS DOUBLE PRECISION) * %s,
                   CASE WHEN t.name = 'purchase' THEN 1 ELSE 0 END, f.last_at
              FROM interaction_folded f
              JOIN interaction_type t ON t.id = f.type_id
             CROSS JOIN recommendation_setting m""".formatted(DECAYED_WEIGHT, FOLDED_DECAY);

    private static final String REBUILD_SCORES = """
            INSERT INTO recommendation_score (customer_id, product_id, score, purchased, updated_at)
            SELECT w.customer_id, w.product_id, SUM(w.score), MAX(w.purchase) = 1, MAX(w.last_at)
              FROM (%s) w
             GROUP BY w.customer_id, w.product_id""".formatted(WEIGHTED);

    private static final String REBUILD_POPULARITY = """
            INSERT INTO product_popularity (product_id, category_id, brand_id, popularity, audience, buyers)
            SELECT p.id, p.category_id, p.brand_id,
                   COALESCE(SUM(s.score), 0),
                   COUNT(s.customer_id),
                   COUNT(CASE WHEN s.purchased THEN 1 END)
              FROM product p
              LEFT JOIN recommendation_score s ON s.product_id = p.id
             GROUP BY p.id, p.category_id, p.brand_id""";

    /** When each customer first bought each product they bought, folded purchases included. */
    private static final String FIRST_PURCHASES = """
            SELECT b.customer_id, b.product_id, MIN(b.bought_at) AS bought_at
              FROM (SELECT i.customer_id, i.product_id, i.occurred_at AS bought_at
                      FROM interaction i
                      JOIN interaction_type t ON t.id = i.type_id
                     WHERE t.name = 'purchase'
                    UNION ALL
                    SELECT f.customer_id, f.product_id, f.first_at
                      FROM interaction_folded f
                      JOIN interaction_type t ON t.id = f.type_id
                     WHERE t.name = 'purchase') b
             GROUP BY b.customer_id, b.product_id""";

    /**
     * Item-to-item co-occurrence (Linden, Smith, York 2003) over purchases: two products are
     * related by the number of customers who bought both, divided by the geometric mean of their
     * numbers of buyers (cosine), so that best-sellers are not everyone's neighbour. Only the
     * strongest neighbours of each product are kept. Purchases, not every interaction: measured
     * on the synthetic shop, co-viewing mostly repeats "popular in the same category", which the
     * affinity signal already covers (docs/RECOMMENDATIONS.md). With each pair, the share of the
     * first product's buyers who bought the second strictly later ({@code then_bought}: the order
     * that makes a case follow a phone, not a phone follow a case). Runs after REBUILD_POPULARITY,
     * which counts the buyers.
     */
    private static final String REBUILD_SIMILARITY = """
            INSERT INTO product_similarity (product_id, similar_id, strength, then_bought)
            SELECT product_id, similar_id, strength, then_bought
              FROM (SELECT pair.product_id, pair.similar_id,
                           CAST(pair.together AS DOUBLE PRECISION) / SQRT(CAST(a.buyers AS DOUBLE PRECISION) * b.buyers) AS strength,
                           CAST(pair.afterwards AS DOUBLE PRECISION) / a.buyers AS then_bought,
                           ROW_NUMBER() OVER (
                               PARTITION BY pair.product_id
                               ORDER BY CAST(pair.together AS DOUBLE PRECISION) / SQRT(CAST(a.buyers AS DOUBLE PRECISION) * b.buyers) DESC,
                                        pair.similar_id) AS neighbour_rank
                      FROM (SELECT x.product_id, y.product_id AS similar_id, COUNT(*) AS together,
                                   COUNT(CASE WHEN y.bought_at > x.bought_at THEN 1 END) AS afterwards
                              FROM (%2$s) x
                              JOIN (%2$s) y
                                ON y.customer_id = x.customer_id AND y.product_id <> x.product_id
                             GROUP BY x.product_id, y.product_id
                            HAVING COUNT(*) >= %1$d) pair
                      JOIN product_popularity a ON a.product_id = pair.product_id
                      JOIN product_popularity b ON b.product_id = pair.similar_id) ranked
             WHERE neighbour_rank <= %3$d""".formatted(MIN_COMMON_BUYERS, FIRST_PURCHASES, NEIGHBOURS_KEPT);

    private final TransactionRunner tx;
    private final RecommendationModel model;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqRecommendationRepository(TransactionRunner tx, RecommendationModel model) {
        this.tx = tx;
        this.model = model;
    }

    @Override
    public List<Recommendation> topFor(long customerId, int n) {
        checkCount(n);
        return tx.replicaRun(dsl -> {
            CustomerHistory history = history(dsl, customerId);
            List<Recommendation> ranked = new ArrayList<>();
            int seeds = Math.min(history.purchases, model.seeds());
            for (Candidate c : candidates(dsl, customerId, history, n)) {
                double popular = relative(c.popularity(), c.highest());
                double affinity = affinity(history, c);
                double intent = history.strength.getOrDefault(c.product(), 0.0);
                double boughtWith = seeds > 0 ? c.boughtWith() / seeds : 0;
                double thenBought = seeds > 0 ? c.thenBought() / seeds : 0;
                double score = model.history() * intent * intent
                        + (c.product() == history.openCart ? model.cart() : 0)
                        + model.alsoBought() * boughtWith
                        + model.thenBought() * thenBought
                        + model.affinity() * affinity
                        + model.popularity() * popular;
                ranked.add(new Recommendation(c.product(), Math.round(score * ROUNDING) / ROUNDING));
            }
            ranked.sort(BEST_FIRST);
            return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
        });
    }

    /** How much the customer cares for the candidate's shelf, times how popular it is on that shelf. */
    private static double affinity(CustomerHistory history, Candidate c) {
        double category = history.categoryShare.getOrDefault(c.category(), 0.0);
        double brand = history.brandShare.getOrDefault(c.brand(), 0.0);
        return (category * relative(c.popularity(), c.categoryTop())
                + brand * relative(c.popularity(), c.brandTop())) / 2;
    }

    /** A popularity as a fraction of the highest one it competes with (0 when there is none). */
    private static double relative(double popularity, double highest) {
        return highest > 0 ? Math.min(1, popularity / highest) : 0;
    }

    private static final Comparator<Recommendation> BEST_FIRST = Comparator
            .comparingDouble(Recommendation::score).reversed()
            .thenComparingLong(Recommendation::productId);

    /**
     * The first statement: the customer (no row: no such customer) with their scored products,
     * strongest first, relative to their strongest one, the shares of their total score that go to
     * each category and brand, and their open cart (with each row the decay setting and the
     * weight of an add-to-cart, one row each).
     */
    private static CustomerHistory history(DSLContext dsl, long customerId) {
        Field<BigDecimal> addToCartWeight = field(select(INTERACTION_TYPE.WEIGHT).from(INTERACTION_TYPE)
                .where(INTERACTION_TYPE.NAME.eq(InteractionType.ADD_TO_CART)));
        var rows = dsl.select(RECOMMENDATION_SCORE.PRODUCT_ID, RECOMMENDATION_SCORE.SCORE,
                        PRODUCT.CATEGORY_ID, PRODUCT.BRAND_ID, RECOMMENDATION_SCORE.PURCHASED,
                        RECOMMENDATION_SCORE.UPDATED_AT, RECOMMENDATION_SETTING.HALF_LIFE_SECONDS,
                        RECOMMENDATION_SETTING.DECAY_EPOCH_SECONDS, addToCartWeight)
                .from(CUSTOMER)
                .crossJoin(RECOMMENDATION_SETTING)
                .leftJoin(RECOMMENDATION_SCORE.join(PRODUCT).on(PRODUCT.ID.eq(RECOMMENDATION_SCORE.PRODUCT_ID)))
                    .on(RECOMMENDATION_SCORE.CUSTOMER_ID.eq(CUSTOMER.ID))
                .where(CUSTOMER.ID.eq(customerId))
                .orderBy(RECOMMENDATION_SCORE.SCORE.desc(), RECOMMENDATION_SCORE.PRODUCT_ID)
                .limit(HISTORY_LIMIT)
                .fetch();
        if (rows.isEmpty()) {
            throw new NotFoundException("customer", customerId);
        }
        CustomerHistory history = new CustomerHistory();
        double total = 0;
        for (var row : rows) {
            Double score = row.get(RECOMMENDATION_SCORE.SCORE); // null: the customer has no scores
            total += score == null ? 0 : score;
        }
        if (total <= 0) {
            return history;
        }
        double strongest = rows.get(0).get(RECOMMENDATION_SCORE.SCORE);
        for (var row : rows) {
            double score = row.get(RECOMMENDATION_SCORE.SCORE);
            double share = score / total;
            history.strength.put(row.get(RECOMMENDATION_SCORE.PRODUCT_ID), score / strongest);
            history.categoryShare.merge(row.get(PRODUCT.CATEGORY_ID), share, Double::sum);
            history.brandShare.merge(row.get(PRODUCT.BRAND_ID), share, Double::sum);
            if (row.get(RECOMMENDATION_SCORE.PURCHASED)) {
                history.purchases++;
            }
        }
        // the open cart, an estimate from the scores alone: of the products not bought whose score
        // as it stood at their last interaction (the stored score without the decay factor of that
        // moment) is at least an add-to-cart's weight, the one touched last (ties: the lower id).
        // The scores and their updated_at are kept by the trigger, so this is as live as the
        // scores. It measures cart-level interest, not the cart itself: a view and a click in one
        // session (1 + 2) stay below a cart (4), but two clicks or four views reach it, and a cart
        // followed by a view more than ~0.4 half-lives later falls below it. Only the HISTORY_LIMIT
        // strongest scores are looked at. An exact cart would need a read of interaction or one
        // more write per interaction (see docs/RECOMMENDATIONS.md).
        var first = rows.get(0);
        BigDecimal weight = first.get(addToCartWeight);
        double cartWeight = weight == null ? Double.POSITIVE_INFINITY : weight.doubleValue();
        double halfLife = first.get(RECOMMENDATION_SETTING.HALF_LIFE_SECONDS);
        long epoch = first.get(RECOMMENDATION_SETTING.DECAY_EPOCH_SECONDS);
        Instant lastCartAt = null;
        for (var row : rows) {
            long product = row.get(RECOMMENDATION_SCORE.PRODUCT_ID);
            double score = row.get(RECOMMENDATION_SCORE.SCORE);
            Instant touched = row.get(RECOMMENDATION_SCORE.UPDATED_AT).toInstant();
            double sinceEpoch = (touched.getEpochSecond() - epoch + touched.getNano() / 1e9) / halfLife;
            double atLastTouch = score / Math.pow(2, Math.max(-1000, Math.min(1000, sinceEpoch)));
            if (!row.get(RECOMMENDATION_SCORE.PURCHASED) && cartWeight > 0 && atLastTouch >= cartWeight * (1 - 1e-6)
                    && (lastCartAt == null || touched.isAfter(lastCartAt)
                        || touched.equals(lastCartAt) && product < history.openCart)) {
                lastCartAt = touched;
                history.openCart = product;
            }
        }
        return history;
    }

    /** A product that may be recommended, with what the model needs to know about it. */
    private record Candidate(long product, long category, long brand, double popularity, double boughtWith,
                             double thenBought, double categoryTop, double brandTop, double highest) {
    }

    /**
     * The second statement: every candidate (the customer's scored products, the co-purchase
     * neighbours of the products they bought, the most popular products of their favourite
     * categories and brands and overall), in stock and never bought by the customer, with its
     * popularity, the highest popularity of its category, of its brand and overall, and its
     * co-purchase strength and then-bought share summed over the products the customer bought.
     */
    private List<Candidate> candidates(DSLContext dsl, long customerId, CustomerHistory history, int n) {
        ProductPopularity shelf = PRODUCT_POPULARITY.as("shelf");
        RecommendationScore seed = RECOMMENDATION_SCORE.as("seed");

        // co-purchase: the neighbours of the products the customer bought (up to model.seeds() of
        // them, the strongest), each bought product counting once; the 100 strongest neighbours
        var seeds = select(seed.PRODUCT_ID).from(seed)
                .where(seed.CUSTOMER_ID.eq(customerId), seed.PURCHASED.isTrue())
                .orderBy(seed.SCORE.desc(), seed.PRODUCT_ID)
                .limit(model.seeds())
                .asTable("seeds");
        // (derived tables, not common table expressions: H2 is known to bind parameters wrongly
        // inside a CTE that is referenced twice)
        Table<Record3<Long, Double, Double>> boughtWith = select(PRODUCT_SIMILARITY.SIMILAR_ID.as("product_id"),
                        sum(PRODUCT_SIMILARITY.STRENGTH).cast(SQLDataType.DOUBLE).as("strength"),
                        sum(PRODUCT_SIMILARITY.THEN_BOUGHT).cast(SQLDataType.DOUBLE).as("then_bought"))
                .from(seeds)
                .join(PRODUCT_SIMILARITY).on(PRODUCT_SIMILARITY.PRODUCT_ID.eq(seeds.field(seed.PRODUCT_ID)))
                .groupBy(PRODUCT_SIMILARITY.SIMILAR_ID)
                // the strongest only: every candidate costs two index probes for its shelves' tops
                .orderBy(sum(PRODUCT_SIMILARITY.STRENGTH).times(inline(model.alsoBought()))
                                .plus(sum(PRODUCT_SIMILARITY.THEN_BOUGHT).times(inline(model.thenBought()))).desc(),
                        PRODUCT_SIMILARITY.SIMILAR_ID)
                .limit(NEIGHBOUR_CANDIDATES)
                .asTable("bought_with");

        // the candidates: history, co-purchase (with its sums), favourite shelves, best-sellers;
        // UNION ALL then GROUP BY, so that the co-purchase sums are computed once
        Select<Record3<Long, Double, Double>> sources = select(RECOMMENDATION_SCORE.PRODUCT_ID, NONE, NONE)
                .from(RECOMMENDATION_SCORE)
                .where(RECOMMENDATION_SCORE.CUSTOMER_ID.eq(customerId))
                .unionAll(select(boughtWith.field("product_id", Long.class),
                        boughtWith.field("strength", Double.class), boughtWith.field("then_bought", Double.class))
                        .from(boughtWith));
        for (long category : favourites(history.categoryShare)) {
            sources = sources.unionAll(mostPopular(PRODUCT_POPULARITY.CATEGORY_ID.eq(category)));
        }
        for (long brand : favourites(history.brandShare)) {
            sources = sources.unionAll(mostPopular(PRODUCT_POPULARITY.BRAND_ID.eq(brand)));
        }
        sources = sources.unionAll(select(PRODUCT_POPULARITY.PRODUCT_ID, NONE, NONE).from(PRODUCT_POPULARITY)
                .join(PRODUCT).on(PRODUCT.ID.eq(PRODUCT_POPULARITY.PRODUCT_ID))
                .where(PRODUCT.STOCK.gt(0))
                .orderBy(PRODUCT_POPULARITY.POPULARITY.desc(), PRODUCT_POPULARITY.PRODUCT_ID)
                .limit(POPULAR_CANDIDATES + n));
        Table<Record3<Long, Double, Double>> source = sources.asTable("source", "product_id", "strength", "then_bought");
        Field<Long> sourceProduct = source.field("product_id", Long.class);
        Table<Record3<Long, Double, Double>> candidate = select(sourceProduct,
                        max(source.field("strength", Double.class)), max(source.field("then_bought", Double.class)))
                .from(source)
                .groupBy(sourceProduct)
                .asTable("candidate", "product_id", "strength", "then_bought");

        Field<Double> popularity = coalesce(PRODUCT_POPULARITY.POPULARITY, inline(0.0));
        Field<Double> strength = candidate.field("strength", Double.class);
        Field<Double> thenBought = candidate.field("then_bought", Double.class);
        Field<Double> categoryTop = field(select(max(shelf.POPULARITY)).from(shelf)
                .where(shelf.CATEGORY_ID.eq(PRODUCT.CATEGORY_ID)));
        Field<Double> brandTop = field(select(max(shelf.POPULARITY)).from(shelf)
                .where(shelf.BRAND_ID.eq(PRODUCT.BRAND_ID)));
        Field<Double> highest = field(select(max(shelf.POPULARITY)).from(shelf));
        return dsl.select(PRODUCT.ID, PRODUCT.CATEGORY_ID, PRODUCT.BRAND_ID, popularity, strength, thenBought,
                        categoryTop, brandTop, highest)
                .from(candidate)
                .join(PRODUCT).on(PRODUCT.ID.eq(candidate.field("product_id", Long.class)))
                .leftJoin(PRODUCT_POPULARITY).on(PRODUCT_POPULARITY.PRODUCT_ID.eq(PRODUCT.ID))
                .where(PRODUCT.STOCK.gt(0),
                        // whatever the customer ever bought, also beyond the history read above
                        notExists(selectOne().from(RECOMMENDATION_SCORE).where(
                                RECOMMENDATION_SCORE.CUSTOMER_ID.eq(customerId),
                                RECOMMENDATION_SCORE.PRODUCT_ID.eq(PRODUCT.ID),
                                RECOMMENDATION_SCORE.PURCHASED.isTrue())))
                .fetch(r -> new Candidate(r.get(PRODUCT.ID), r.get(PRODUCT.CATEGORY_ID), r.get(PRODUCT.BRAND_ID),
                        r.get(popularity), orZero(r.get(strength)), orZero(r.get(thenBought)),
                        orZero(r.get(categoryTop)), orZero(r.get(brandTop)), orZero(r.get(highest))));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /** The most popular products of one category or brand: an index range scan. */
    private static Select<Record3<Long, Double, Double>> mostPopular(Condition shelf) {
        return select(PRODUCT_POPULARITY.PRODUCT_ID, NONE, NONE).from(PRODUCT_POPULARITY)
                .where(shelf)
                .orderBy(PRODUCT_POPULARITY.POPULARITY.desc(), PRODUCT_POPULARITY.PRODUCT_ID)
                .limit(POPULAR_CANDIDATES);
    }

    private static List<Long> favourites(Map<Long, Double> shares) {
        return shares.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FAVOURITES)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public List<Recommendation> alsoBought(long productId, int n) {
        checkCount(n);
        return tx.replicaRun(dsl -> {
            if (!dsl.fetchExists(PRODUCT, PRODUCT.ID.eq(productId))) {
                throw new NotFoundException("product", productId);
            }
            return dsl.select(PRODUCT_SIMILARITY.SIMILAR_ID, PRODUCT_SIMILARITY.STRENGTH)
                    .from(PRODUCT_SIMILARITY).join(PRODUCT).on(PRODUCT.ID.eq(PRODUCT_SIMILARITY.SIMILAR_ID))
                    .where(PRODUCT_SIMILARITY.PRODUCT_ID.eq(productId), PRODUCT.STOCK.gt(0))
                    .orderBy(PRODUCT_SIMILARITY.STRENGTH.desc(), PRODUCT_SIMILARITY.SIMILAR_ID)
                    .limit(n)
                    .fetch(r -> new Recommendation(r.get(PRODUCT_SIMILARITY.SIMILAR_ID),
                            Math.round(r.get(PRODUCT_SIMILARITY.STRENGTH) * ROUNDING) / ROUNDING));
        });
    }

    @Override
    public double scoreAt(long customerId, long productId, Instant at) {
        Validation.required("at", at);
        return tx.run(dsl -> {
            Double stored = dsl.select(RECOMMENDATION_SCORE.SCORE).from(RECOMMENDATION_SCORE)
                    .where(RECOMMENDATION_SCORE.CUSTOMER_ID.eq(customerId), RECOMMENDATION_SCORE.PRODUCT_ID.eq(productId))
                    .fetchOne(RECOMMENDATION_SCORE.SCORE);
            return stored == null ? 0.0 : stored * decay(dsl).factorAt(at);
        });
    }

    @Override
    public ScoreDecay decay() {
        return tx.run(JooqRecommendationRepository::decay);
    }

    private static ScoreDecay decay(DSLContext dsl) {
        RecommendationSettingRecord s = dsl.fetchSingle(RECOMMENDATION_SETTING);
        return new ScoreDecay(Duration.ofSeconds(s.getHalfLifeSeconds()), Instant.ofEpochSecond(s.getDecayEpochSeconds()));
    }

    @Override
    public RebuildSummary rebuildAll() {
        return tx.run(JooqRecommendationRepository::rebuild);
    }

    @Override
    public RebuildSummary changeHalfLife(Duration halfLife) {
        Validation.required("halfLife", halfLife);
        if (halfLife.compareTo(Duration.ofHours(1)) < 0) {
            throw new ValidationException("halfLife", "must be at least one hour");
        }
        return tx.run(dsl -> {
            dsl.update(RECOMMENDATION_SETTING).set(RECOMMENDATION_SETTING.HALF_LIFE_SECONDS, halfLife.toSeconds()).execute();
            return rebuild(dsl);
        });
    }

    private static RebuildSummary rebuild(DSLContext dsl) {
        String schema = LibrarySchema.of(dsl);
        if (schema == null) {
            return rebuildInCurrentSchema(dsl);
        }
        // the rebuild's statements are plain SQL with unqualified names: resolve them in the
        // library's schema for this transaction only
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("SELECT set_config('search_path', {0}, true)", DSL.inline(schema));
            return rebuildInCurrentSchema(dsl);
        }
        String previous = dsl.fetchValue("SELECT SCHEMA()").toString();
        dsl.execute("SET SCHEMA " + schema);
        try {
            return rebuildInCurrentSchema(dsl);
        } finally {
            dsl.execute("SET SCHEMA " + previous);
        }
    }

    private static RebuildSummary rebuildInCurrentSchema(DSLContext dsl) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // writers of interactions wait, so that no trigger adds to a score being recomputed
            dsl.execute("LOCK TABLE interaction IN SHARE MODE");
        }
        OffsetDateTime newest = newest(dsl.fetchValue(select(max(INTERACTION.OCCURRED_AT)).from(INTERACTION)),
                dsl.fetchValue(select(max(INTERACTION_FOLDED.LAST_AT)).from(INTERACTION_FOLDED)));
        if (newest != null) {
            long day = Math.floorDiv(newest.toEpochSecond(), 86_400L) * 86_400L;
            dsl.update(RECOMMENDATION_SETTING).set(RECOMMENDATION_SETTING.DECAY_EPOCH_SECONDS, day).execute();
        }
        dsl.deleteFrom(PRODUCT_SIMILARITY).execute();
        dsl.deleteFrom(PRODUCT_POPULARITY).execute();
        dsl.deleteFrom(RECOMMENDATION_SCORE).execute();
        long scores = dsl.execute(REBUILD_SCORES);
        long products = dsl.execute(REBUILD_POPULARITY);
        long pairs = dsl.execute(REBUILD_SIMILARITY);
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            // every row of the three tables is new: without fresh statistics the planner guesses
            // (e.g. thousands of scores per customer) and picks sequential scans for topFor until
            // autovacuum gets round to them; a sampled ANALYZE takes seconds
            dsl.execute("ANALYZE recommendation_score, product_popularity, product_similarity");
        }
        return new RebuildSummary(scores, pairs, products, decay(dsl).epoch());
    }

    /** The later of two times, either of which may be missing. */
    private static OffsetDateTime newest(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    private static void checkCount(int n) {
        if (n < 1 || n > MAX_RESULTS) {
            throw new ValidationException("n", "must be between 1 and " + MAX_RESULTS);
        }
    }

    /** A customer's scored products, strongest first, with their category and brand shares. */
    private static final class CustomerHistory {
        /** How many of the products read the customer bought: the co-purchase sums are averages over them. */
        int purchases;
        /** Score relative to the customer's strongest product: 1 for that one. */
        final Map<Long, Double> strength = new HashMap<>();
        /** The last product carted and not bought; none: -1. */
        long openCart = -1;
        final Map<Long, Double> categoryShare = new HashMap<>();
        final Map<Long, Double> brandShare = new HashMap<>();
    }
}
