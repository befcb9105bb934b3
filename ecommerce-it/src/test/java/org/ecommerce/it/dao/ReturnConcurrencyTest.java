package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.ReturnExceedsPurchaseException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.it.support.IsolationLevel;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.Together;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Returns opened from many threads at once, with the service's pool at each isolation level. */
@OnBothEngines
class ReturnConcurrencyTest {

    private static final int CALLERS = 8;

    private final TestDatabase db;

    ReturnConcurrencyTest(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void concurrentReturnsOfTheSameUnitsOpenOnceAndRestockNoMoreThanWasBought(IsolationLevel level) throws Exception {
        // given a pool at the level, and an order of 2 of the 10 units in stock
        Ecommerce shop = Ecommerce.create(level.of(db.dataSource()));
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product product = fixtures.product("5.00", 10);
        Customer buyer = fixtures.customer();
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), null,
                new OrderItem(product.id(), 2)));

        // when 8 callers open a return of both units at the same moment
        List<Callable<OrderReturn>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(() -> shop.returns().open(OpenReturn.of(order.id(), "not needed", new ReturnItem(product.id(), 2))));
        }
        List<Together.Outcome<OrderReturn>> outcomes = Together.run(calls);

        // then one return opened; every other caller was told the units are returned already (or,
        // having run out of retries, to try again)
        assertThat(outcomes).filteredOn(o -> o.value() != null).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.failure() != null).hasSize(CALLERS - 1)
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOfAny(ReturnExceedsPurchaseException.class,
                        TransientDataAccessException.class));
        assertThat(outcomes).filteredOn(o -> o.failure() instanceof ReturnExceedsPurchaseException).isNotEmpty();
        // and completing every opened return puts back the 2 units bought, no more
        for (Together.Outcome<OrderReturn> outcome : outcomes) {
            if (outcome.value() != null) {
                shop.returns().complete(outcome.value().id());
            }
        }
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(10);
    }
}
