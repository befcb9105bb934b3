/**
 * The data-access layer: {@link org.ecommerce.dao.Ecommerce} and its repositories, one package per
 * aggregate, and the typed errors of {@link org.ecommerce.dao}.
 *
 * <p>password4j's jar names no module: Java derives {@code password4j} from its file name, as Maven
 * and Gradle keep it. It logs through SLF4J without declaring so, hence {@code requires org.slf4j}.
 */
module org.ecommerce.dao {
    requires transitive org.ecommerce.schema;
    requires password4j;
    requires org.slf4j;
    // optional: PostgreSQL's structured errors and COPY, used only when the driver is present
    requires static org.postgresql.jdbc;
    // optional: MicrometerObservations, loaded only by an application that has Micrometer
    requires static micrometer.observation;
    requires static micrometer.commons;

    exports org.ecommerce.dao;
    exports org.ecommerce.dao.basket;
    exports org.ecommerce.dao.catalog;
    exports org.ecommerce.dao.customer;
    exports org.ecommerce.dao.delivery;
    exports org.ecommerce.dao.interaction;
    exports org.ecommerce.dao.observation;
    exports org.ecommerce.dao.order;
    exports org.ecommerce.dao.recommendation;
    exports org.ecommerce.dao.returns;
    exports org.ecommerce.dao.review;
    exports org.ecommerce.dao.internal to org.ecommerce.queries;
}
