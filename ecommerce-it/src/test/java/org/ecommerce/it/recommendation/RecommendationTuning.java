package org.ecommerce.it.recommendation;

import java.util.List;

import org.ecommerce.cli.generate.SyntheticShop;
import org.ecommerce.dao.recommendation.RecommendationModel;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Compares model variants on a synthetic shop generated with <em>another seed</em> than the
 * published one (42), on H2: the choices of {@link RecommendationModel#DEFAULT} are made here, so
 * that the published table's held-out purchases are never used to tune. Not part of the build; run
 * {@code ./mvnw -B verify -pl ecommerce-it -am -Dtest=RecommendationTuning -Dsurefire.failIfNoSpecifiedTests=false -Dreco.tuning.seed=7}.
 */
class RecommendationTuning {

    /** The variants of the tuning table in docs/RECOMMENDATIONS.md. */
    private static final List<RecommendationModel> VARIANTS = List.of(
            new RecommendationModel(10.0, 2, 0, 0.25, 0.05, 50),
            new RecommendationModel(10.0, 0, 2, 0.25, 0.05, 50),
            new RecommendationModel(10.0, 1, 1, 0.25, 0.05, 50),
            new RecommendationModel(10.0, 0.5, 2, 0.25, 0.05, 50),
            RecommendationModel.DEFAULT,
            new RecommendationModel(10.0, 1.5, 2.5, 0.25, 0.05, 50),
            new RecommendationModel(10.0, 1, 3, 0.25, 0.02, 50),
            new RecommendationModel(14.0, 1, 2, 0.25, 0.05, 50),
            new RecommendationModel(10.0, 1, 2, 0.5, 0.05, 50));

    @Test
    void compareVariants() throws Exception {
        long seed = Long.getLong("reco.tuning.seed", 7);
        if (seed == SyntheticShop.Size.FULL.seed()) {
            throw new IllegalArgumentException("tune on another seed than the published table's");
        }
        SyntheticShop.Size full = SyntheticShop.Size.FULL;
        SyntheticShop.Size size = new SyntheticShop.Size(full.customers(), full.products(), full.categories(),
                full.brands(), full.days(), seed);
        try (TestDatabase db = TestDatabase.migratedH2("tuning");
             OfflineEvaluation.Prepared shop = OfflineEvaluation.prepare(db, size)) {
            for (RecommendationModel model : VARIANTS) {
                System.out.println("TUNING " + model + "\n" + OfflineEvaluation.evaluate(shop, model).markdown());
            }
        }
    }
}
