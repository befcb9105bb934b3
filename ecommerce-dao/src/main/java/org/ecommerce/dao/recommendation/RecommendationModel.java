package org.ecommerce.dao.recommendation;

import org.ecommerce.dao.ValidationException;

/**
 * How {@link RecommendationRepository#topFor} blends its signals for a candidate product.
 * Every signal is scale-free, so the weights compare directly:
 * <ul>
 *   <li>history: (the customer's decayed score for the product / their strongest score)², squared
 *       so that a cart outweighs many old views;</li>
 *   <li>cart: 1 for the last product the customer put in the cart and has not bought (their
 *       "open cart"), 0 for every other product. Estimated from the scores alone: a product whose
 *       score, as it stood at its last interaction ({@code updated_at}), is at least the weight of
 *       an {@code add_to_cart}; of those not bought, the one touched last. That is cart-level
 *       interest rather than the cart itself (two clicks reach it too; a cart followed much later
 *       by a view falls below it);</li>
 *   <li>also-bought: the co-purchase strength (cosine) of the candidate with the products the
 *       customer bought, averaged over those products (each bought product counts once, however
 *       long ago: a complement stays relevant);</li>
 *   <li>then-bought: the same average of the share of each bought product's buyers who bought the
 *       candidate strictly later (the order of co-purchase);</li>
 *   <li>affinity: the customer's share of attention for the candidate's category and brand,
 *       each times the candidate's popularity relative to the best of that category or brand;</li>
 *   <li>popularity: relative to the most popular product.</li>
 * </ul>
 * The default weights are tuned on synthetic shops generated with other seeds (7, 11, 23) than
 * the one of the published evaluation ({@code RecommendationTuning}), see docs/RECOMMENDATIONS.md.
 *
 * @param history     weight of the customer's own decayed score for the product (viewed, carted, not bought)
 * @param cart        weight of the last product carted and not bought
 * @param alsoBought  weight of co-purchase with the products the customer bought
 * @param thenBought  weight of "bought later" by the buyers of the products the customer bought
 * @param affinity    weight of category and brand affinity, the fallback for a short history
 * @param popularity  weight of plain popularity; the whole answer for a customer without history
 * @param seeds       how many of the customer's bought products (the strongest) seed co-purchase
 */
public record RecommendationModel(double history, double cart, double alsoBought, double thenBought,
                                  double affinity, double popularity, int seeds) {

    /** The weights measured in docs/RECOMMENDATIONS.md. */
    public static final RecommendationModel DEFAULT = new RecommendationModel(5.0, 10.0, 1, 2, 0.25, 0.05, 50);

    /** Validates every weight. */
    public RecommendationModel {
        notNegative("history", history);
        notNegative("cart", cart);
        notNegative("alsoBought", alsoBought);
        notNegative("thenBought", thenBought);
        notNegative("affinity", affinity);
        notNegative("popularity", popularity);
        if (seeds < 1 || seeds > 200) {
            throw new ValidationException("seeds", "must be between 1 and 200");
        }
    }

    /**
     * A model without the cart signal ({@code cart} 0), for callers that weigh only views, clicks,
     * purchases and co-purchases.
     */
    public RecommendationModel(double history, double alsoBought, double thenBought, double affinity,
                               double popularity, int seeds) {
        this(history, 0, alsoBought, thenBought, affinity, popularity, seeds);
    }

    private static void notNegative(String field, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new ValidationException(field, "must be a finite weight of at least 0");
        }
    }
}
