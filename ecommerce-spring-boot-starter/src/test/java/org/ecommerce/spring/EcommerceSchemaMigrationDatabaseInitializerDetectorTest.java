package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Where the library's migrations run among the application's database initializers. */
class EcommerceSchemaMigrationDatabaseInitializerDetectorTest {

    @Test
    void withoutMigrateFirstTheLibrarysMigrationsRunAfterFlywayAndLiquibase() {
        assertThat(orderWith(Map.of())).isEqualTo(EcommerceSchemaMigrationDatabaseInitializerDetector.AFTER_THE_APPLICATIONS)
                .isGreaterThan(1);
        assertThat(orderWith(Map.of("ecommerce.migrate-first", "false"))).isGreaterThan(1);
    }

    @Test
    void migrateFirstRunsThemBeforeFlywayAndLiquibaseHoweverThePropertyIsSpelled() {
        assertThat(orderWith(Map.of("ecommerce.migrate-first", "true"))).isLessThan(0);
        assertThat(orderWith(Map.of("ecommerce.migrateFirst", "true"))).isLessThan(0);
        assertThat(orderOf(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("ECOMMERCE_MIGRATEFIRST", "true")))).isLessThan(0);
    }

    private static int orderWith(Map<String, Object> properties) {
        return orderOf(new MapPropertySource("properties", properties));
    }

    private static int orderOf(PropertySource<?> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(properties);
        return new EcommerceSchemaMigrationDatabaseInitializerDetector(environment).getOrder();
    }
}
