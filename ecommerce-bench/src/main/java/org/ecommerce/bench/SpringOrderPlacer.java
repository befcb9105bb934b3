package org.ecommerce.bench;

import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The library as a Spring Boot service gets it from {@code ecommerce-spring-boot-starter}: the
 * auto-configured {@link Ecommerce} on the application's pool, observed into a Micrometer registry
 * as a service with dashboards has it; each order placed either on its own or inside a Spring
 * transaction ({@code @Transactional}'s programmatic twin, {@link TransactionTemplate}).
 */
final class SpringOrderPlacer implements OrderPlacer, AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Ecommerce shop;
    private final TransactionTemplate transaction;

    /**
     * @param dataSource  the pool, registered as the application's only {@code DataSource}
     * @param transaction whether each order is placed inside a Spring transaction
     */
    SpringOrderPlacer(DataSource dataSource, boolean transaction) {
        this.context = new SpringApplicationBuilder(BenchApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "spring.flyway.enabled=false",
                        "ecommerce.migrate-on-start=false")
                .initializers(c -> c.getBeanFactory().registerSingleton("dataSource", dataSource))
                .run();
        this.shop = context.getBean(Ecommerce.class);
        this.transaction = transaction ? new TransactionTemplate(context.getBean(PlatformTransactionManager.class)) : null;
    }

    @Override
    public long place(OrderRequest request) {
        OrderItem[] items = new OrderItem[request.productIds().length];
        for (int i = 0; i < items.length; i++) {
            items[i] = new OrderItem(request.productIds()[i], request.quantities()[i]);
        }
        PlaceOrder order = new PlaceOrder(request.customerId(), request.paymentMethodId(), List.of(items),
                request.deduction(), null, request.idempotencyKey());
        if (transaction == null) {
            return shop.orders().place(order).id();
        }
        Long number = transaction.execute(status -> shop.orders().place(order).id());
        return number == null ? -1 : number;
    }

    @Override
    public void close() {
        context.close();
    }

    /** A service with Micrometer: its observations feed a meter registry. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BenchApplication {

        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
            return registry;
        }
    }
}
