package org.ecommerce.it.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A Spring Boot service as a user of the library writes it: its own pool (HikariCP), its own
 * Flyway migrations ({@code classpath:db/migration}), its own {@code @Transactional} service, and
 * the starter on the class path. Nothing of the library is configured here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableTransactionManagement
@Import(CheckoutService.class)
public class ServiceApplication {
}
