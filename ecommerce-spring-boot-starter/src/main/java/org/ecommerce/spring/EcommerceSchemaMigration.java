package org.ecommerce.spring;

import java.util.Objects;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the library's migrations when the application starts, beside the application's own: they
 * are recorded in a history table of their own, so that Spring Boot's Flyway sees only the
 * application's migrations and this one only the library's.
 *
 * <p>A database initializer in Spring Boot's sense
 * ({@link EcommerceSchemaMigrationDatabaseInitializerDetector}): it runs after the application's
 * Flyway or Liquibase migrations, and beans that wait for the database to be initialised (JPA,
 * {@code JdbcTemplate}, jOOQ's {@code DSLContext}) wait for it too.
 */
public final class EcommerceSchemaMigration implements InitializingBean {

    private final DataSource dataSource;
    private final EcommerceProperties properties;
    private volatile MigrationResult result;

    /**
     * The migration of the library's schema on {@code dataSource}, with the schema, history table
     * and schema creation of {@code properties}.
     */
    public EcommerceSchemaMigration(DataSource dataSource, EcommerceProperties properties) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public void afterPropertiesSet() {
        result = EcommerceSchema.migrate(dataSource, options(properties));
    }

    /** The migration options that {@code properties} set. */
    static MigrationOptions options(EcommerceProperties properties) {
        return MigrationOptions.defaults()
                .schema(properties.schema())
                .historyTable(properties.historyTable())
                .createSchema(properties.createSchema());
    }

    /** What the migration did: the engine, the migrations applied, the resulting version. */
    public MigrationResult result() {
        return result;
    }
}
