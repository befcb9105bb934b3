package org.ecommerce.spring;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link EcommerceSchemaMigration} initialises the database, so that it
 * runs in a fixed place among the database initializers and beans that depend on an initialised
 * database wait for it.
 */
public final class EcommerceSchemaMigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    /**
     * After Liquibase (0) and Flyway's migrations (1): on the first start the application's Flyway
     * then finds an empty schema, as it requires unless told to baseline; before {@code schema.sql}
     * scripts (near the lowest precedence), which may then use the library's tables.
     */
    static final int ORDER = 2;

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(EcommerceSchemaMigration.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
