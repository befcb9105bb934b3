package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.Together;
import org.junit.jupiter.api.Test;

/** Placing orders from many threads at once: no overselling, no deadlock, no duplicate. */
@OnBothEngines
class OrderConcurrencyTest {

    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    OrderConcurrencyTest(TestDatabase db) {
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @Test
    void sixtyFourBuyersOfTheLastTenUnitsNeverOversell() throws Exception {
        // given a product with 10 in stock and 64 customers ready to buy one each
        Product product = fixtures.product("5.00", 10);
        List<Customer> buyers = new ArrayList<>();
        List<CreditCard> cards = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Customer buyer = fixtures.customer();
            buyers.add(buyer);
            cards.add(fixtures.creditCard(buyer));
        }

        // when all 64 place their order at the same moment
        List<Callable<Order>> attempts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Customer buyer = buyers.get(i);
            CreditCard card = cards.get(i);
            attempts.add(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), null, new OrderItem(product.id(), 1))));
        }
        List<Together.Outcome<Order>> outcomes = Together.run(attempts);

        // then exactly 10 succeeded, every other caller got OutOfStock, and stock is 0
        assertThat(outcomes).filteredOn(o -> o.value() != null).hasSize(10);
        assertThat(outcomes).filteredOn(o -> o.failure() != null)
                .hasSize(54)
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(OutOfStockException.class));
        assertThat(shop.catalog().get(product.id()).stock()).isZero();
        long placed = buyers.stream().mapToLong(b -> shop.orders().byCustomer(b.id(), PageRequest.first(5)).totalItems()).sum();
        assertThat(placed).isEqualTo(10);
    }

    @Test
    void ordersOverTheSameProductsInOppositeLineOrderNeverDeadlockACaller() throws Exception {
        // given two products with ample stock and 16 buyers
        int initialStock = 1_000_000;
        Product left = fixtures.product("1.00", initialStock);
        Product right = fixtures.product("2.00", initialStock);
        List<Customer> buyers = new ArrayList<>();
        List<CreditCard> cards = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            buyers.add(fixtures.customer());
            cards.add(fixtures.creditCard(buyers.get(i)));
        }

        // when for 10 seconds half of them order (left, right) and the others (right, left)
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        AtomicInteger unitsOfLeft = new AtomicInteger();
        AtomicInteger unitsOfRight = new AtomicInteger();
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Customer buyer = buyers.get(i);
            CreditCard card = cards.get(i);
            boolean leftFirst = i % 2 == 0;
            workers.add(() -> {
                int orders = 0;
                while (Instant.now().isBefore(end)) {
                    int a = 1 + orders % 3;
                    int b = 1 + orders % 2;
                    OrderItem l = new OrderItem(left.id(), a);
                    OrderItem r = new OrderItem(right.id(), b);
                    shop.orders().place(leftFirst ? PlaceOrder.of(buyer.id(), card.id(), null, l, r)
                            : PlaceOrder.of(buyer.id(), card.id(), null, r, l));
                    unitsOfLeft.addAndGet(a);
                    unitsOfRight.addAndGet(b);
                    orders++;
                }
                return orders;
            });
        }
        List<Together.Outcome<Integer>> outcomes = Together.run(workers);

        // then no caller saw an error, and the stock went down by exactly what was sold
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().mapToInt(o -> o.value()).sum()).isPositive();
        assertThat(shop.catalog().get(left.id()).stock()).isEqualTo(initialStock - unitsOfLeft.get());
        assertThat(shop.catalog().get(right.id()).stock()).isEqualTo(initialStock - unitsOfRight.get());
    }

    @Test
    void threeRequestsWithTheSameIdempotencyKeyAtTheSameTimePlaceOneOrder() throws Exception {
        // given a customer and a product
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("9.99", 100);

        // when the same request is sent three times at the same moment, in several rounds with a key
        // of their own each, so that the calls of some round overlap
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            PlaceOrder request = PlaceOrder.of(buyer.id(), card.id(), "retry-me-" + round, new OrderItem(product.id(), 3));
            List<Together.Outcome<Order>> outcomes = Together.run(List.of(() -> shop.orders().place(request),
                    () -> shop.orders().place(request), () -> shop.orders().place(request)));

            // then every caller of the round got the same order
            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(outcomes).extracting(o -> o.value().id()).containsOnly(outcomes.get(0).value().id());
        }
        // and one order exists per round, each taking its units once
        assertThat(shop.orders().byCustomer(buyer.id(), PageRequest.first(10)).totalItems()).isEqualTo(rounds);
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(100 - 3 * rounds);
    }
}
