package org.ecommerce.dao.recommendation;

import java.time.Instant;

/**
 * What {@link RecommendationRepository#rebuildAll()} wrote.
 *
 * @param scores       (customer, product) scores
 * @param similarPairs (product, similar product) pairs kept for also-bought
 * @param products     products with a popularity
 * @param decayEpoch   the decay epoch the scores are now stored against
 */
public record RebuildSummary(long scores, long similarPairs, long products, Instant decayEpoch) {
}
