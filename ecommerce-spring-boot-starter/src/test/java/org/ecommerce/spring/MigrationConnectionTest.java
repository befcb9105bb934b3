package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where the library's migrations connect: as {@code ecommerce.migration.*} says when it names a
 * URL or user, else as Spring Boot's {@code spring.flyway.*} says when that names one, else on the
 * application's DataSource. And {@code ecommerce.grant-to} names the role the migrations grant to.
 */
class MigrationConnectionTest {

    /** An environment with only {@code source}, none of the machine's variables. */
    private static ConfigurableEnvironment environment(PropertySource<?> source) {
        ConfigurableEnvironment environment = new AbstractEnvironment() {
        };
        environment.getPropertySources().addFirst(source);
        return environment;
    }

    private static ConfigurableEnvironment environment(Map<String, Object> properties) {
        return environment(new MapPropertySource("application.properties", properties));
    }

    /** The properties as Spring Boot binds them. */
    private static EcommerceProperties properties(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate("ecommerce", EcommerceProperties.class);
    }

    private static MigrationConnection connection(ConfigurableEnvironment environment) {
        return MigrationConnection.of(properties(environment).migration(), environment);
    }

    @Test
    void withoutAUrlOrUserTheMigrationsRunOnTheApplicationsDataSource() {
        // a password alone says nothing of where to connect, as for Boot's Flyway
        for (Map<String, Object> properties : List.<Map<String, Object>>of(Map.of(),
                Map.of("spring.flyway.password", "secret"), Map.of("ecommerce.migration.password", "secret"))) {
            assertThat(connection(environment(properties)).isApplications()).as(properties.toString()).isTrue();
        }
    }

    @Test
    void springFlywaysUserAndPasswordAreTheMigrationsOnTheApplicationsUrl() {
        MigrationConnection connection = connection(environment(Map.of(
                "spring.flyway.user", "shop_owner", "spring.flyway.password", "secret")));

        assertThat(connection).isEqualTo(new MigrationConnection(null, "shop_owner", "secret", "spring.flyway"));
        assertThat(connection.description()).isEqualTo("with spring.flyway.url/user/password");
    }

    @Test
    void springFlywaysUrlAloneGivesTheMigrationsAConnectionOfTheirOwn() {
        MigrationConnection connection = connection(environment(Map.of("spring.flyway.url", "jdbc:h2:mem:shop")));

        assertThat(connection).isEqualTo(new MigrationConnection("jdbc:h2:mem:shop", null, null, "spring.flyway"));
    }

    @Test
    void ecommerceMigrationWinsOverSpringFlywayAsAWhole() {
        // given both, spring.flyway.* for the service's own migrations on another URL
        MigrationConnection connection = connection(environment(Map.of(
                "spring.flyway.url", "jdbc:postgresql://elsewhere/service", "spring.flyway.user", "service_owner",
                "spring.flyway.password", "service-secret",
                "ecommerce.migration.user", "shop_owner", "ecommerce.migration.password", "shop-secret")));

        // then the library's settings are used, none of Boot's Flyway's mixed in: the URL is the application's
        assertThat(connection).isEqualTo(new MigrationConnection(null, "shop_owner", "shop-secret", "ecommerce.migration"));
        assertThat(connection.description()).isEqualTo("with ecommerce.migration.url/user/password");
    }

    @Test
    void theSettingsAreReadInSpringBootsRelaxedFormsSuchAsEnvironmentVariables() {
        ConfigurableEnvironment environment = environment(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "SPRING_FLYWAY_USER", "service_owner",
                        "ECOMMERCE_MIGRATION_URL", "jdbc:postgresql://db/shop", "ECOMMERCE_MIGRATION_USER", "shop_owner",
                        "ECOMMERCE_GRANTTO", "shop_app")));

        assertThat(connection(environment)).isEqualTo(
                new MigrationConnection("jdbc:postgresql://db/shop", "shop_owner", null, "ecommerce.migration"));
        assertThat(properties(environment).grantTo()).isEqualTo("shop_app");
    }

    @Test
    void grantToNamesTheRoleOfTheMigrationOptionsAndBlankIsNone() {
        assertThat(EcommerceSchemaMigration.options(properties(environment(Map.of("ecommerce.grant-to", "shop_app"))))
                .grantTo()).contains("shop_app");
        assertThat(EcommerceSchemaMigration.options(properties(environment(Map.of("ecommerce.grant-to", " "))))
                .grantTo()).isEmpty();
        assertThat(EcommerceSchemaMigration.options(properties(environment(Map.of()))).grantTo()).isEmpty();
    }

    @Test
    void passwordsAreLeftOutOfWhatMayBeLogged() {
        EcommerceProperties properties = properties(environment(Map.of(
                "ecommerce.migration.user", "shop_owner", "ecommerce.migration.password", "shop-secret")));

        assertThat(properties.toString()).contains("shop_owner").doesNotContain("shop-secret");
        assertThat(connection(environment(Map.of("ecommerce.migration.user", "shop_owner",
                "ecommerce.migration.password", "shop-secret"))).toString()).doesNotContain("shop-secret");
    }
}
