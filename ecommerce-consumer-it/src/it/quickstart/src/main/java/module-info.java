module com.example.shop {
    requires org.ecommerce.dao;       // brings org.ecommerce.schema, jOOQ and java.sql
    requires org.ecommerce.queries;
    requires com.h2database;          // the JDBC driver (PostgreSQL's: org.postgresql.jdbc)
    requires java.naming;             // for H2's JdbcDataSource, a javax.naming.Referenceable
}
