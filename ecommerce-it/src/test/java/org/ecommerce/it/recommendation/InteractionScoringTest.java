package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Every interaction updates the (customer, product) score in the database, however it is written. */
@OnBothEngines
class InteractionScoringTest {

    private static final double EXACT = 1e-9;
    private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    InteractionScoringTest(TestDatabase db) {
        this.db = db;
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void eachInteractionTypeAddsItsWeightToTheScoreAtOnce() {
        // given a customer and a product without interactions
        Customer ada = fixtures.customer();
        Product lamp = fixtures.product("30.00", 5);
        assertThat(shop.recommendations().scoreAt(ada.id(), lamp.id(), NOON)).isZero();

        // when she views, clicks, carts, buys and reviews it at the same instant, the score grows by each weight
        double expected = 0;
        for (InteractionType type : shop.interactions().types()) {
            shop.interactions().record(ada.id(), lamp.id(), type.name(), NOON);
            expected += type.weight().doubleValue();
            // then
            assertThat(shop.recommendations().scoreAt(ada.id(), lamp.id(), NOON)).as(type.name())
                    .isCloseTo(expected, within(EXACT));
        }
        assertThat(expected).isEqualTo(1 + 2 + 4 + 8 + 5);
    }

    @Test
    void anInteractionCountsHalfAfterOneHalfLifeAndAQuarterAfterTwo() {
        // given a purchase (weight 8) at noon
        Customer bob = fixtures.customer();
        Product kettle = fixtures.product("20.00", 5);
        shop.interactions().record(bob.id(), kettle.id(), InteractionType.PURCHASE, NOON);
        Duration halfLife = shop.recommendations().decay().halfLife();

        // then it is worth 8, 4 and 2 at noon, one and two half-lives later
        assertThat(shop.recommendations().scoreAt(bob.id(), kettle.id(), NOON)).isCloseTo(8, within(EXACT));
        assertThat(shop.recommendations().scoreAt(bob.id(), kettle.id(), NOON.plus(halfLife))).isCloseTo(4, within(EXACT));
        assertThat(shop.recommendations().scoreAt(bob.id(), kettle.id(), NOON.plus(halfLife.multipliedBy(2))))
                .isCloseTo(2, within(EXACT));
        // and a view one half-life after the purchase adds 1 to the 4 left by then
        shop.interactions().record(bob.id(), kettle.id(), InteractionType.VIEW, NOON.plus(halfLife));
        assertThat(shop.recommendations().scoreAt(bob.id(), kettle.id(), NOON.plus(halfLife))).isCloseTo(5, within(EXACT));
    }

    @Test
    void anInteractionInsertedWithPlainSqlUpdatesTheScoreToo() throws Exception {
        // given a customer and a product
        Customer cleo = fixtures.customer();
        Product mug = fixtures.product("8.00", 5);

        // when another service inserts an add-to-cart (type 3, weight 4) with plain SQL
        try (PlainSql sql = new PlainSql(db)) {
            sql.update("INSERT INTO interaction (customer_id, product_id, type_id, occurred_at) VALUES (?, ?, 3, ?)",
                    cleo.id(), mug.id(), Timestamp.from(NOON));

            // then the score is there, in the same statement
            assertThat(sql.value("SELECT score FROM recommendation_score WHERE customer_id = ? AND product_id = ?",
                    cleo.id(), mug.id())).isNotNull();
        }
        assertThat(shop.recommendations().scoreAt(cleo.id(), mug.id(), NOON)).isCloseTo(4, within(EXACT));
    }

    @Test
    void placingAnOrderAndReviewingItRecordPurchaseAndReviewInteractionsThatScore() {
        // given a customer with a card and a product
        Customer dan = fixtures.customer();
        CreditCard card = fixtures.creditCard(dan);
        Product saw = fixtures.product("25.00", 5);

        // when he orders it
        Order order = shop.orders().place(PlaceOrder.of(dan.id(), card.id(), ShopFixtures.unique("k"), new OrderItem(saw.id(), 2)));

        // then the purchase counts 8 as of the order time (one interaction per line, whatever the quantity)
        assertThat(shop.recommendations().scoreAt(dan.id(), saw.id(), order.placedAt())).isCloseTo(8, within(1e-6));

        // and when he reviews it, the review adds 5 (at its own time, a moment later)
        shop.reviews().add(new AddReview(dan.id(), saw.id(), 5, null));
        assertThat(shop.recommendations().scoreAt(dan.id(), saw.id(), Instant.now())).isCloseTo(13, within(1e-3));
    }

    @Test
    void changingAWeightRescoresEarlierInteractions() {
        // given a click (weight 2)
        Customer eve = fixtures.customer();
        Product pen = fixtures.product("2.00", 5);
        shop.interactions().record(eve.id(), pen.id(), InteractionType.CLICK, NOON);
        try {
            // when clicks are made to weigh 3
            InteractionType click = shop.interactions().changeWeight(InteractionType.CLICK, new BigDecimal("3"));

            // then the earlier click counts 3, and so does a new one
            assertThat(click.weight()).isEqualByComparingTo("3");
            assertThat(shop.recommendations().scoreAt(eve.id(), pen.id(), NOON)).isCloseTo(3, within(EXACT));
            shop.interactions().record(eve.id(), pen.id(), InteractionType.CLICK, NOON);
            assertThat(shop.recommendations().scoreAt(eve.id(), pen.id(), NOON)).isCloseTo(6, within(EXACT));
        } finally {
            shop.interactions().changeWeight(InteractionType.CLICK, new BigDecimal("2"));
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndUnknownIdsAsNotFound() {
        Customer fay = fixtures.customer();
        Product cup = fixtures.product("3.00", 5);

        assertThatThrownBy(() -> shop.interactions().record(0, cup.id(), "view", NOON))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("customerId"));
        assertThatThrownBy(() -> shop.interactions().record(fay.id(), cup.id(), " ", NOON))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> shop.interactions().record(fay.id(), cup.id(), "view", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("at"));
        assertThatThrownBy(() -> shop.interactions().changeWeight("view", new BigDecimal("-1")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("weight"));
        assertThatThrownBy(() -> shop.recommendations().topFor(fay.id(), 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("n"));

        assertThatThrownBy(() -> shop.interactions().record(fay.id(), cup.id(), "wishlist", NOON))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("interaction type"));
        assertThatThrownBy(() -> shop.interactions().record(fay.id(), 999_999_999L, "view", NOON))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("product"));
        assertThatThrownBy(() -> shop.interactions().record(999_999_999L, cup.id(), "view", NOON))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("customer"));
        assertThatThrownBy(() -> shop.recommendations().topFor(999_999_999L, 5)).isInstanceOf(NotFoundException.class);
        // and nothing was written
        assertThat(shop.recommendations().scoreAt(fay.id(), cup.id(), NOON)).isZero();
    }

    @Test
    void anInteractionSoFarAfterTheEpochThatItsScoreWouldOverflowIsRefused() {
        // given the decay epoch and half-life
        Customer gus = fixtures.customer();
        Product bag = fixtures.product("40.00", 5);
        var decay = shop.recommendations().decay();

        // when an interaction lies 1100 half-lives after the epoch (2^1100 overflows a double)
        Instant farFuture = decay.epoch().plus(decay.halfLife().multipliedBy(1100));

        // then it is refused by name on both engines, and nothing is written
        assertThatThrownBy(() -> shop.interactions().record(gus.id(), bag.id(), "view", farFuture))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("recommendation_score_in_range"));
        assertThat(shop.recommendations().scoreAt(gus.id(), bag.id(), NOON)).isZero();
    }
}
