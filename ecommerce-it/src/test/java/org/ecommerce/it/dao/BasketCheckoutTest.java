package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.basket.BasketLine;
import org.ecommerce.dao.basket.Checkout;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderLine;
import org.ecommerce.it.support.LockWaits;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** A checkout orders what the basket held when it began, and takes out only that. */
@OnBothEngines
class BasketCheckoutTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    BasketCheckoutTest(TestDatabase db) {
        this.db = db;
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @Test
    void aProductAddedWhileACheckoutRunsStaysInTheBasket() throws Exception {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product ordered = fixtures.product("2.00", 10);
        Product addedMeanwhile = fixtures.product("3.00", 10);
        shop.baskets().add(customer.id(), ordered.id(), 1);

        ExecutorService checkoutThread = Executors.newSingleThreadExecutor();
        try (Connection other = db.connect()) {
            // given a checkout held up by another transaction's lock on the product it orders
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM product WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, ordered.id());
                lock.executeQuery().close();
            }
            Future<Order> checkout = checkoutThread.submit(
                    () -> shop.baskets().checkout(customer.id(), Checkout.with(card.id(), "while-adding")));
            LockWaits.awaitAWaiter(db);

            // when the shopper adds another product meanwhile, and then the checkout completes
            shop.baskets().add(customer.id(), addedMeanwhile.id(), 2);
            other.rollback();
            Order order = checkout.get(60, TimeUnit.SECONDS);

            // then the order holds what the basket held when it began, and the added product is
            // still in the basket
            assertThat(order.lines()).extracting(OrderLine::productId).containsExactly(ordered.id());
            assertThat(shop.baskets().view(customer.id()).lines())
                    .extracting(BasketLine::productId, BasketLine::quantity)
                    .containsExactly(tuple(addedMeanwhile.id(), 2));
        } finally {
            checkoutThread.shutdownNow();
        }
    }

    @Test
    void aCheckoutRetriedWithItsKeyReturnsTheFirstOrderAndLeavesTheBasketAsItIsNow() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product first = fixtures.product("2.00", 10);
        Product next = fixtures.product("3.00", 10);

        // given a checkout whose answer the client did not see, and a basket filled again since
        shop.baskets().add(customer.id(), first.id(), 1);
        Order placed = shop.baskets().checkout(customer.id(), Checkout.with(card.id(), "lost-answer"));
        shop.baskets().add(customer.id(), next.id(), 4);

        // when the client retries the checkout with the same key
        Order retried = shop.baskets().checkout(customer.id(), Checkout.with(card.id(), "lost-answer"));

        // then it gets the first order, and the new basket is neither ordered nor emptied
        assertThat(retried).isEqualTo(placed);
        assertThat(shop.baskets().view(customer.id()).lines())
                .extracting(BasketLine::productId, BasketLine::quantity)
                .containsExactly(tuple(next.id(), 4));
        assertThat(shop.catalog().get(next.id()).stock()).isEqualTo(10);
    }
}
