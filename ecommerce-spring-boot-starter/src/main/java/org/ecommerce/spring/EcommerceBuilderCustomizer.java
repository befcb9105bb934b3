package org.ecommerce.spring;

import org.ecommerce.dao.Ecommerce;

/**
 * Changes the auto-configured library's settings that have no {@code ecommerce.*} property (its
 * clock, password hasher, recommendation model, pause between retries), or any other, while
 * keeping what the starter sets up: joining Spring's transactions, the migrations at start-up,
 * the Micrometer observations. Every bean of this type is applied to the builder after the
 * properties, in their {@code @Order}, before the library is built.
 *
 * <pre>{@code
 * @Bean
 * EcommerceBuilderCustomizer shopClock(Clock clock) {
 *     return builder -> builder.clock(clock);
 * }
 * }</pre>
 *
 * <p>An {@link Ecommerce} bean of the application's own replaces the starter's altogether: it
 * joins Spring's transactions only if built with
 * {@code .callerTransactions(new SpringCallerTransactions(dataSource))}.
 */
@FunctionalInterface
public interface EcommerceBuilderCustomizer {

    /** Changes {@code builder}, which already holds the settings of {@code ecommerce.*}. */
    void customize(Ecommerce.Builder builder);
}
