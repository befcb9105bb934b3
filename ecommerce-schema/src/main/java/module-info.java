/**
 * The shop's schema: {@link org.ecommerce.schema.EcommerceSchema} migrates a database with the
 * library's Flyway migrations, {@link org.ecommerce.schema.rules} catalogues the rules the database
 * keeps, and {@code org.ecommerce.schema.jooq} holds the jOOQ classes generated from the migrations.
 *
 * <p>On the module path: H2 creates the trigger classes of {@code org.ecommerce.schema.h2} by name,
 * and Flyway reads the migrations as resources under {@code org/ecommerce/schema/migration}, so
 * those packages are open to every module. Flyway's jar names no module: Maven and Gradle keep its
 * file name, {@code flyway-core-<version>.jar}, from which Java derives the name {@code flyway.core}.
 */
@SuppressWarnings("opens") // the migrations are resources only: packages without classes
module org.ecommerce.schema {
    requires transitive java.sql;
    requires transitive org.jooq;
    requires java.logging;
    requires flyway.core;
    // only for the H2 trigger classes: an application on PostgreSQL needs no H2
    requires static com.h2database;

    exports org.ecommerce.schema;
    exports org.ecommerce.schema.rules;
    exports org.ecommerce.schema.h2;
    exports org.ecommerce.schema.jooq;
    exports org.ecommerce.schema.jooq.tables;
    exports org.ecommerce.schema.jooq.tables.records;

    opens org.ecommerce.schema.migration.common;
    opens org.ecommerce.schema.migration.h2;
    opens org.ecommerce.schema.migration.postgresql;
}
