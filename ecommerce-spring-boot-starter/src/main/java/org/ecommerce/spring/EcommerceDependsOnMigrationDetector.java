package org.ecommerce.spring;

import java.util.Set;

import org.ecommerce.dao.Ecommerce;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Tells Spring Boot that every {@link Ecommerce} bean, the starter's or one the application makes
 * itself, needs the database initialised: it is created after the migrations, so no call reaches
 * a schema they have not brought up to date.
 */
public final class EcommerceDependsOnMigrationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Ecommerce.class);
    }
}
