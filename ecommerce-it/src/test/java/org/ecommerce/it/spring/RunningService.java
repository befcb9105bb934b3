package org.ecommerce.it.spring;

import java.util.ArrayList;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.TestDatabase.Login;
import org.ecommerce.schema.Engine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link ServiceApplication} started with {@code SpringApplicationBuilder} on one database, as a
 * service runs in production: Spring Boot's auto-configuration of the pool, Flyway and the
 * starter, no test framework in between. Close it to stop the application.
 */
final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A service to start on the database at {@code url} of {@code engine}, with Spring Boot's defaults for the rest. */
    static Starter on(String url, Engine engine) {
        return new Starter(url, engine, engine == Engine.H2 ? "sa" : null);
    }

    /**
     * A service whose pool connects as {@code login} ({@code spring.datasource.url},
     * {@code username}, {@code password}), with Spring Boot's defaults for the rest.
     */
    static Starter as(Login login, Engine engine) {
        return new Starter(login.url(), engine, login.user()).withOptional("spring.datasource.password", login.password());
    }

    /** A service to start on a new database with no tables at all, dropped with {@code db}. */
    static Starter onNewDatabase(TestDatabase db, String purpose) {
        return on(db.newEmptyDatabaseUrl(purpose), db.engine());
    }

    /** The library, as the starter configured it. */
    Ecommerce shop() {
        return bean(Ecommerce.class);
    }

    /** The service's transactional code. */
    CheckoutService checkout() {
        return bean(CheckoutService.class);
    }

    /** Plain SQL on the service's pool, outside any transaction. */
    JdbcTemplate sql() {
        return bean(JdbcTemplate.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The names of the beans of {@code type}. */
    List<String> beanNames(Class<?> type) {
        return List.of(context.getBeanNamesForType(type));
    }

    boolean hasBean(Class<?> type) {
        return context.getBeanNamesForType(type).length > 0;
    }

    /** The beans that Spring creates before the bean {@code name}, as its definition says. */
    List<String> dependenciesOf(String name) {
        String[] dependsOn = context.getBeanFactory().getBeanDefinition(name).getDependsOn();
        return dependsOn == null ? List.of() : List.of(dependsOn);
    }

    @Override
    public void close() {
        context.close();
    }

    /** How to start one service: its database, extra configuration classes and properties. */
    static final class Starter {

        private final List<Class<?>> sources = new ArrayList<>(List.of(ServiceApplication.class));
        private final List<String> properties = new ArrayList<>();
        private final String url;
        private final Engine engine;

        private Starter(String url, Engine engine, String user) {
            this.url = url;
            this.engine = engine;
            properties.add("spring.datasource.url=" + url);
            if (user != null) {
                properties.add("spring.datasource.username=" + user);
            }
            properties.add("spring.main.banner-mode=off");
            // a start-up or call that waits for a second connection of a small pool fails in seconds, not 30
            properties.add("spring.datasource.hikari.connection-timeout=5000");
        }

        /** Adds the property {@code name=value}, unless {@code value} is null. */
        Starter withOptional(String name, String value) {
            if (value != null) {
                properties.add(name + "=" + value);
            }
            return this;
        }

        /** Adds {@code name=value} properties, as in {@code application.properties}. */
        Starter with(String... properties) {
            this.properties.addAll(List.of(properties));
            return this;
        }

        /**
         * Gives Boot's Flyway a connection of its own, outside the service's pool: Flyway holds two
         * connections while it migrates, more than a pool of one has. The library's migrations
         * follow Boot's Flyway there.
         */
        Starter flywayOnItsOwnConnection() {
            properties.add("spring.flyway.url=" + url);
            if (engine == Engine.H2) {
                properties.add("spring.flyway.user=sa");
            }
            return this;
        }

        /** Adds configuration classes of the service. */
        Starter with(Class<?>... configuration) {
            sources.addAll(List.of(configuration));
            return this;
        }

        RunningService start() {
            return new RunningService(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                    .properties(properties.toArray(String[]::new))
                    .run());
        }
    }
}
