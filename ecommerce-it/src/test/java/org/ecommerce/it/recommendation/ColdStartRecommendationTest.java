package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.recommendation.Recommendation;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Customers with no or little history. One scenario in a database of its own, because "most
 * popular" is a statement about the whole catalogue.
 */
@OnBothEngines
class ColdStartRecommendationTest {

    private final Ecommerce shop;
    private final ShopFixtures fixtures;
    private final AtomicLong clock = new AtomicLong(Instant.parse("2025-04-01T10:00:00Z").getEpochSecond());

    ColdStartRecommendationTest(TestDatabase db) {
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void aNewCustomerGetsTheMostPopularProductsAndOneViewTiltsThemTowardsItsCategoryAndBrand() {
        // given a kitchen and a garden, each with its own brand, and a sold-out best-seller
        long kitchen = shop.catalog().addCategory("Kitchen", null).id();
        long garden = shop.catalog().addCategory("Garden", null).id();
        long chefCo = shop.catalog().addBrand("ChefCo").id();
        long greenCo = shop.catalog().addBrand("GreenCo").id();
        Product pan = product("Pan", chefCo, kitchen, 10);
        Product whisk = product("Whisk", chefCo, kitchen, 10);
        Product rake = product("Rake", greenCo, garden, 10);
        Product hose = product("Hose", greenCo, garden, 10);
        Product soldOut = product("Sold-out grill", chefCo, kitchen, 0);
        // and other customers' purchases: grill 5, pan 4, rake 2; views: hose and whisk once
        buyers(soldOut, 5);
        buyers(pan, 4);
        buyers(rake, 2);
        Customer gardener = fixtures.customer();
        record(gardener, hose, InteractionType.VIEW);
        record(gardener, rake, InteractionType.PURCHASE);
        record(fixtures.customer(), whisk, InteractionType.VIEW);
        shop.recommendations().rebuildAll();

        // when a customer without any history asks
        Customer newcomer = fixtures.customer();

        // then she gets the most popular products that are in stock
        assertThat(shop.recommendations().topFor(newcomer.id(), 2)).extracting(Recommendation::productId)
                .containsExactly(pan.id(), rake.id());

        // when she has looked at the hose once
        record(newcomer, hose, InteractionType.VIEW);

        // then the hose comes first, and the rake (same category and brand as the hose)
        // now outranks the more popular pan
        assertThat(shop.recommendations().topFor(newcomer.id(), 3)).extracting(Recommendation::productId)
                .containsExactly(hose.id(), rake.id(), pan.id());
    }

    private Product product(String name, long brand, long category, int stock) {
        return shop.catalog().addProduct(new NewProduct(name, null, brand, category, new BigDecimal("10.00"), stock));
    }

    private void buyers(Product product, int count) {
        for (int i = 0; i < count; i++) {
            record(fixtures.customer(), product, InteractionType.PURCHASE);
        }
    }

    private void record(Customer customer, Product product, String type) {
        shop.interactions().record(customer.id(), product.id(), type, Instant.ofEpochSecond(clock.getAndAdd(60)));
    }
}
