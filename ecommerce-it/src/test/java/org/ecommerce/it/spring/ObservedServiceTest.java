package org.ecommerce.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.observation.OperationObserver;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * A service with Micrometer gets a timer per library operation, tagged with the operation, the
 * engine and the outcome, without configuring anything of the library.
 */
@OnBothEngines
class ObservedServiceTest {

    private final TestDatabase db;

    ObservedServiceTest(TestDatabase db) {
        this.db = db;
    }

    /** The service's Micrometer set-up: a meter registry, and observations recorded as timers in it. */
    @Configuration(proxyBeanMethods = false)
    static class ServiceMetrics {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return observations;
        }
    }

    @Test
    void aPlacedOrderIsTimedAsOrdersPlaceWithItsEngineAndOutcomeSuccess() {
        try (RunningService service = RunningService.onNewDatabase(db, "observedsuccess").with(ServiceMetrics.class).start()) {
            // given a buyer and a product with stock
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product product = fixtures.product("5.00", 4);

            // when an order is placed
            shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "timed", new OrderItem(product.id(), 1)));

            // then the service's registry has a timer for it
            Timer placed = timer(service, "success");
            assertThat(placed).as("timer ecommerce.operation{operation=orders.place, outcome=success}").isNotNull();
            assertThat(placed.count()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedOrderIsTimedWithOutcomeRefused() {
        try (RunningService service = RunningService.onNewDatabase(db, "observedrefused").with(ServiceMetrics.class).start()) {
            // given a product with 1 unit
            Ecommerce shop = service.shop();
            ShopFixtures fixtures = new ShopFixtures(shop);
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            Product scarce = fixtures.product("5.00", 1);

            // when an order for 2 is refused
            assertThatThrownBy(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "too-many",
                    new OrderItem(scarce.id(), 2)))).isInstanceOf(OutOfStockException.class);

            // then it is timed as refused, and nothing as a success
            Timer refused = timer(service, "refused");
            assertThat(refused).as("timer ecommerce.operation{operation=orders.place, outcome=refused}").isNotNull();
            assertThat(refused.count()).isEqualTo(1);
            assertThat(timer(service, "success")).isNull();
        }
    }

    @Test
    void withoutAnObservationRegistryTheLibraryIsNotObserved() {
        // when the service has no Micrometer set-up of its own (Micrometer is on the class path)
        try (RunningService service = RunningService.onNewDatabase(db, "unobserved").start()) {

            // then the starter configured no observer, and the library works as usual
            assertThat(service.hasBean(OperationObserver.class)).isFalse();
            assertThat(service.hasBean(ObservationRegistry.class)).isFalse();
            assertThat(new ShopFixtures(service.shop()).product("1.00", 1).stock()).isEqualTo(1);
        }
    }

    private Timer timer(RunningService service, String outcome) {
        return service.bean(MeterRegistry.class).find("ecommerce.operation")
                .tags("operation", "orders.place", "engine", db.engine().name().toLowerCase(Locale.ROOT), "outcome", outcome)
                .timer();
    }
}
