/**
 * The analytics as typed query objects ({@link org.ecommerce.queries.AnalyticsQuery}), run on an
 * {@code Ecommerce} of {@code org.ecommerce.dao}.
 */
module org.ecommerce.queries {
    requires transitive org.ecommerce.dao;
    // optional: COPY for the whole order history, used only on a PostgreSQL connection
    requires static org.postgresql.jdbc;

    exports org.ecommerce.queries;
}
