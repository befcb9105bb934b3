package org.ecommerce.spring;

import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.env.Environment;

/**
 * Tells Spring Boot that {@link EcommerceSchemaMigration} initialises the database, so that it
 * runs in a fixed place among the database initializers and beans that depend on an initialised
 * database wait for it: after the application's Liquibase or Flyway migrations, or before them
 * with {@code ecommerce.migrate-first=true} (see {@link EcommerceProperties#migrateFirst()}).
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

    /** Reads {@code ecommerce.migrate-first} from {@code environment}, as the starter's properties bind it. */
    public EcommerceSchemaMigrationDatabaseInitializerDetector(Environment environment) {
        boolean first = Binder.get(environment).bind("ecommerce.migrate-first", Boolean.class).orElse(false);
        this.order = first ? BEFORE_THE_APPLICATIONS : AFTER_THE_APPLICATIONS;
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
