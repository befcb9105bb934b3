package org.ecommerce.dao.recommendation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.ValidationException;

/**
 * Product recommendations from the recorded interactions.
 *
 * <p>The (customer, product) scores are kept current by the database on every interaction. The
 * catalogue-wide tables behind co-occurrence and popularity (what other customers did) are
 * derived by {@link #rebuildAll()}, a batch job to run periodically (e.g. nightly); until then
 * they reflect the last rebuild.
 */
public interface RecommendationRepository {

    /** The largest {@code n} the ranking methods accept. */
    int MAX_RESULTS = 100;

    /**
     * The {@code n} best products for a customer, best first, ties broken by product id. Never
     * a product the customer bought or one out of stock. A customer without history gets the
     * most popular products.
     *
     * @throws ValidationException if {@code n} is not between 1 and {@value #MAX_RESULTS}
     * @throws NotFoundException   if there is no such customer
     */
    List<Recommendation> topFor(long customerId, int n);

    /**
     * "Customers who bought this also bought": the {@code n} products most often bought by the
     * buyers of this one, relative to how many buyers each has (cosine, so best-sellers do not
     * crowd out everything), bought together by at least two customers, in stock, strongest first,
     * ties broken by product id. As of the last {@link #rebuildAll()}.
     *
     * @throws ValidationException if {@code n} is not between 1 and {@value #MAX_RESULTS}
     * @throws NotFoundException   if there is no such product
     */
    List<Recommendation> alsoBought(long productId, int n);

    /**
     * The customer's decayed score for a product as of {@code at}: the sum of the weights of
     * their interactions with it, each halved per half-life elapsed between it and {@code at}.
     * 0 when they never interacted with it.
     */
    double scoreAt(long customerId, long productId, Instant at);

    /** The current decay settings. */
    ScoreDecay decay();

    /**
     * Recomputes every (customer, product) score from the interactions, moving the decay epoch
     * to the day of the newest interaction (which keeps the stored values far from overflow),
     * and refreshes co-occurrence and popularity. The incremental scores equal the rebuilt ones
     * up to floating-point summation order (relative difference below 1e-9).
     *
     * <p>On PostgreSQL concurrent interaction inserts wait until the rebuild commits; on H2 do not
     * run it while other connections write interactions.
     */
    RebuildSummary rebuildAll();

    /**
     * Changes the half-life and rebuilds everything with it, in one transaction.
     *
     * @throws ValidationException if the half-life is missing or shorter than one hour
     */
    RebuildSummary changeHalfLife(Duration halfLife);
}
