package org.ecommerce.spring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.env.Environment;

/**
 * Tells Spring Boot that {@link EcommerceSchemaMigration} initialises the database, so that it
 * runs in a fixed place among the database initializers and beans that depend on an initialised
 * database wait for it.
 *
 * <p>With the library in a schema of its own ({@code ecommerce.schema}) that is not one of the
 * application's Flyway schemas, the library's migrations run first, before Liquibase and Flyway,
 * so that the application's migrations may refer to the library's tables (a foreign key to
 * {@code shop.customer}, say) on a new database too. In a schema shared with the application's
 * Flyway they run after it: Flyway refuses to start its history in a schema that already holds
 * tables.
 */
public final class EcommerceSchemaMigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    /** Before Liquibase (0) and Flyway's migrations (1). */
    static final int BEFORE_THE_APPLICATIONS = -1;

    /**
     * After Liquibase (0) and Flyway's migrations (1): on the first start the application's Flyway
     * then finds an empty schema, as it requires unless told to baseline; before {@code schema.sql}
     * scripts (near the lowest precedence), which may then use the library's tables.
     */
    static final int AFTER_THE_APPLICATIONS = 2;

    private final int order;

    /** Reads where the library's and the application's Flyway's tables go from {@code environment}. */
    public EcommerceSchemaMigrationDatabaseInitializerDetector(Environment environment) {
        this.order = inSchemaOfItsOwn(environment) ? BEFORE_THE_APPLICATIONS : AFTER_THE_APPLICATIONS;
    }

    /**
     * Whether {@code ecommerce.schema} names a schema that the application's Flyway does not keep:
     * not one of {@code spring.flyway.schemas}, not {@code spring.flyway.default-schema}, and not
     * {@code public}, the default schema of PostgreSQL and H2 where Flyway works when told nothing.
     */
    static boolean inSchemaOfItsOwn(Environment environment) {
        String schema = environment.getProperty("ecommerce.schema", "").trim();
        if (schema.isEmpty()) {
            return false;
        }
        String flywaySchemas = environment.getProperty("spring.flyway.schemas", "") + ","
                + environment.getProperty("spring.flyway.default-schema", "") + ",public";
        return Arrays.stream(flywaySchemas.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .noneMatch(schema.toLowerCase(Locale.ROOT)::equals);
    }

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(EcommerceSchemaMigration.class);
    }

    @Override
    public int getOrder() {
        return order;
    }
}
