package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The property behind rebuildAll(): after any sequence of interactions, the scores the trigger
 * kept incrementally equal the scores recomputed from scratch. Tolerance: a relative difference
 * of 1e-9 (the sums are the same terms added in another order; observed differences are ~1e-15).
 */
@OnBothEngines
class IncrementalEqualsRebuildTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final Instant CENTRE = Instant.parse("2025-06-15T00:00:00Z");
    private static final int SEQUENCES = 6;

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    IncrementalEqualsRebuildTest(TestDatabase db) {
        this.db = db;
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void afterRandomSequencesOfInteractionsTheIncrementalScoresEqualTheRebuiltOnes() throws Exception {
        // given a few customers and products
        List<InteractionType> types = shop.interactions().types();
        List<Customer> customers = List.of(fixtures.customer(), fixtures.customer(), fixtures.customer());
        List<Product> products = List.of(fixtures.product("1.00", 9), fixtures.product("1.00", 9),
                fixtures.product("1.00", 9), fixtures.product("1.00", 9));
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);

            // when a random sequence of interactions (any type, dates two years apart, through the
            // library or, mostly, plain SQL, some half-lives apart) is recorded, with a rebuild half-way
            for (int round = 0; round < 2; round++) {
                recordRandomInteractions(random, customers, products, types, 20);
                double[] incremental = scores(customers, products);

                shop.recommendations().rebuildAll();

                // then every score equals its rebuilt value
                double[] rebuilt = scores(customers, products);
                for (int i = 0; i < incremental.length; i++) {
                    assertThat(rebuilt[i]).as("seed %d round %d pair %d", seed, round, i)
                            .isCloseTo(incremental[i], within(
                                    Math.max(incremental[i], 1e-300) * RELATIVE_TOLERANCE));
                }
            }
        }
    }

    private void recordRandomInteractions(SplittableRandom random, List<Customer> customers, List<Product> products,
                                          List<InteractionType> types, int count) throws Exception {
        try (PlainSql sql = new PlainSql(db)) {
            for (int i = 0; i < count; i++) {
                Customer c = customers.get(random.nextInt(customers.size()));
                Product p = products.get(random.nextInt(products.size()));
                InteractionType type = types.get(random.nextInt(types.size()));
                Instant at = CENTRE.plus(Duration.ofSeconds(random.nextLong(-365L * 86_400, 365L * 86_400)));
                if (random.nextInt(4) == 0) {
                    shop.interactions().record(c.id(), p.id(), type.name(), at);
                } else {
                    sql.update("INSERT INTO interaction (customer_id, product_id, type_id, occurred_at) VALUES (?, ?, ?, ?)",
                            c.id(), p.id(), type.id(), Timestamp.from(at));
                }
            }
        }
    }

    /** Every (customer, product) score as of CENTRE, 0 where there is none; one query. */
    private double[] scores(List<Customer> customers, List<Product> products) throws Exception {
        double toCentre = shop.recommendations().decay().factorAt(CENTRE);
        double[] all = new double[customers.size() * products.size()];
        try (PlainSql sql = new PlainSql(db);
             PreparedStatement ps = sql.connection().prepareStatement(
                     "SELECT customer_id, product_id, score FROM recommendation_score WHERE customer_id BETWEEN ? AND ?")) {
            ps.setLong(1, customers.get(0).id());
            ps.setLong(2, customers.get(customers.size() - 1).id());
            List<Long> customerIds = customers.stream().map(Customer::id).toList();
            List<Long> productIds = products.stream().map(Product::id).toList();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int c = customerIds.indexOf(rs.getLong(1));
                    int p = productIds.indexOf(rs.getLong(2));
                    if (c >= 0 && p >= 0) {
                        all[c * products.size() + p] = rs.getDouble(3) * toCentre;
                    }
                }
            }
        }
        return all;
    }

}
