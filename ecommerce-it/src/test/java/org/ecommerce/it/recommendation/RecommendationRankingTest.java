package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.recommendation.Recommendation;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Top-N and also-bought: what they offer, what they never offer, in which order. */
@OnBothEngines
class RecommendationRankingTest {

    private static final Instant MORNING = Instant.parse("2025-05-10T09:00:00Z");

    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    RecommendationRankingTest(TestDatabase db) {
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void topForNeverOffersWhatTheCustomerBoughtNorWhatIsOutOfStock() {
        // given a customer who viewed an available product, looked at a sold-out one again and again,
        // and ordered a third
        Customer ada = fixtures.customer();
        CreditCard card = fixtures.creditCard(ada);
        Product available = fixtures.product("10.00", 3);
        Product soldOut = fixtures.product("10.00", 0);
        Product bought = fixtures.product("10.00", 3);
        shop.interactions().record(ada.id(), available.id(), InteractionType.VIEW, MORNING);
        for (int i = 0; i < 5; i++) {
            shop.interactions().record(ada.id(), soldOut.id(), InteractionType.ADD_TO_CART, MORNING.plusSeconds(i));
        }
        shop.orders().place(PlaceOrder.of(ada.id(), card.id(), ShopFixtures.unique("k"), new OrderItem(bought.id(), 1)));
        shop.recommendations().rebuildAll();

        // when her recommendations are asked for
        List<Long> offered = shop.recommendations().topFor(ada.id(), 100).stream().map(Recommendation::productId).toList();

        // then the available product is offered, the bought and the sold-out ones never
        assertThat(offered).contains(available.id()).doesNotContain(bought.id(), soldOut.id());
        // and when the sold-out product is restocked, it is offered (her strongest interest)
        shop.catalog().restock(soldOut.id(), 2);
        assertThat(shop.recommendations().topFor(ada.id(), 1)).extracting(Recommendation::productId)
                .containsExactly(soldOut.id());
    }

    @Test
    void theLastProductCartedAndNotBoughtComesFirstEvenWhenAnOlderCartScoresHigher() {
        // given a customer who looked at A thirty times and carted it two months ago, then viewed
        // and carted B this morning, and bought neither (no rebuild: the scores are live)
        Customer cy = fixtures.customer();
        Product a = fixtures.product("10.00", 3);
        Product b = fixtures.product("10.00", 3);
        Instant twoMonthsAgo = MORNING.minus(Duration.ofDays(60));
        for (int i = 0; i < 30; i++) {
            shop.interactions().record(cy.id(), a.id(), InteractionType.VIEW, twoMonthsAgo.plusSeconds(i));
        }
        shop.interactions().record(cy.id(), a.id(), InteractionType.ADD_TO_CART, twoMonthsAgo.plusSeconds(60));
        shop.interactions().record(cy.id(), b.id(), InteractionType.VIEW, MORNING);
        shop.interactions().record(cy.id(), b.id(), InteractionType.ADD_TO_CART, MORNING.plusSeconds(60));
        assertThat(shop.recommendations().scoreAt(cy.id(), a.id(), MORNING))
                .isGreaterThan(shop.recommendations().scoreAt(cy.id(), b.id(), MORNING));

        // when her two best are asked for
        List<Recommendation> top = shop.recommendations().topFor(cy.id(), 2);

        // then B, her open cart, comes first, although A has the stronger decayed score
        assertThat(top).extracting(Recommendation::productId).containsExactly(b.id(), a.id());
    }

    @Test
    void equallyScoredProductsAreRankedByProductId() {
        // given two products viewed at the same instant by the same customer
        Customer bob = fixtures.customer();
        Product first = fixtures.product("5.00", 3);
        Product second = fixtures.product("5.00", 3);
        shop.interactions().record(bob.id(), second.id(), InteractionType.VIEW, MORNING);
        shop.interactions().record(bob.id(), first.id(), InteractionType.VIEW, MORNING);
        shop.recommendations().rebuildAll();

        // when his two best are asked for, twice
        List<Recommendation> top = shop.recommendations().topFor(bob.id(), 2);

        // then they tie, and the lower id comes first, every time
        assertThat(top).extracting(Recommendation::productId).containsExactly(first.id(), second.id());
        assertThat(top.get(0).score()).isEqualTo(top.get(1).score());
        assertThat(shop.recommendations().topFor(bob.id(), 2)).isEqualTo(top);
    }

    @Test
    void alsoBoughtRanksByCommonBuyersRelativeToTheirNumbersIgnoringSingleCoincidencesAndSoldOutProducts() {
        // given: X is bought with Y by two customers, with Z by two others, with V by one;
        // W (sold out) is bought with X and Y; Z has one more buyer of its own
        Product x = fixtures.product("9.00", 5);
        Product y = fixtures.product("9.00", 5);
        Product z = fixtures.product("9.00", 5);
        Product v = fixtures.product("9.00", 5);
        Product w = fixtures.product("9.00", 0);
        buy(fixtures.customer(), x, y, w);
        buy(fixtures.customer(), x, y, w);
        buy(fixtures.customer(), x, z);
        buy(fixtures.customer(), x, z);
        buy(fixtures.customer(), x, v);
        buy(fixtures.customer(), z);

        // when the model is rebuilt
        shop.recommendations().rebuildAll();

        // then X's neighbours are Y (2 common buyers / sqrt(5 * 2)) before Z (2 / sqrt(5 * 3));
        // V (a single common buyer) and W (sold out) are not offered
        List<Recommendation> related = shop.recommendations().alsoBought(x.id(), 10);
        assertThat(related).extracting(Recommendation::productId).containsExactly(y.id(), z.id());
        assertThat(related.get(0).score()).isCloseTo(2 / Math.sqrt(10), within(1e-9));
        assertThat(related.get(1).score()).isCloseTo(2 / Math.sqrt(15), within(1e-9));

        // and a customer who bought only X gets Y first: the co-purchase carries over to top-N
        Customer newcomer = fixtures.customer();
        shop.interactions().record(newcomer.id(), x.id(), InteractionType.PURCHASE, MORNING);
        assertThat(shop.recommendations().topFor(newcomer.id(), 1)).extracting(Recommendation::productId)
                .containsExactly(y.id());
    }

    private void buy(Customer customer, Product... products) {
        for (Product p : products) {
            shop.interactions().record(customer.id(), p.id(), InteractionType.PURCHASE, MORNING);
        }
    }
}
