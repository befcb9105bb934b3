package org.ecommerce.dao.recommendation;

import org.ecommerce.dao.ValidationException;

/**
 * How {@link RecommendationRepository#topFor} blends its four signals for a candidate product.
 * Every signal is scale-free, so the weights compare directly:
 * <ul>
 *   <li>history: (the customer's decayed score for the product / their strongest score)², squared
 *       so that a cart outweighs many old views;</li>
 *   <li>also-bought: the sum over the customer's strongest products of (their relative score
 *       times their co-purchase strength with the candidate);</li>
 *   <li>affinity: the customer's share of attention for the candidate's category and brand,
 *       each times the candidate's popularity relative to the best of that category or brand;</li>
 *   <li>popularity: relative to the most popular product.</li>
 * </ul>
 *
 * @param history      weight of the customer's own decayed score for the product (viewed, carted, not bought)
 * @param alsoBought  weight of item-to-item co-occurrence with the customer's strongest products
 * @param affinity     weight of category and brand affinity, the fallback for a short history
 * @param popularity   weight of plain popularity; the whole answer for a customer without history
 * @param seeds        how many of the customer's strongest products seed the co-occurrence
 */
public record RecommendationModel(double history, double alsoBought, double thenBought, double affinity,
                                  double popularity, int seeds) {

    /** The weights measured in docs/RECOMMENDATIONS.md. */
    public static final RecommendationModel DEFAULT = new RecommendationModel(10.0, 2, 0, 0.25, 0.05, 50);

    /** Validates every weight. */
    public RecommendationModel {
        notNegative("history", history);
        notNegative("alsoBought", alsoBought);
        notNegative("thenBought", thenBought);
        notNegative("affinity", affinity);
        notNegative("popularity", popularity);
        if (seeds < 1 || seeds > 200) {
            throw new ValidationException("seeds", "must be between 1 and 200");
        }
    }

    private static void notNegative(String field, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new ValidationException(field, "must be a finite weight of at least 0");
        }
    }
}
