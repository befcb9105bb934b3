package org.ecommerce.spring;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.util.ClassUtils;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The library's own pool of the read replica ({@code ecommerce.read-replica.*}), closed with the
 * application. Not a {@code DataSource} bean: with one, Spring Boot's own pool of the application's
 * database would back off, and with two its {@code JdbcTemplate} and transaction manager.
 * HikariCP is referenced only in {@link #open}, so that this class loads without it.
 */
final class ReadReplicaPool implements AutoCloseable {

    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

    private final DataSource dataSource;
    private final AutoCloseable closer;

    private ReadReplicaPool(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
    }

    /**
     * Opens the pool as {@code settings} say; the user and password not set there are the
     * application's, when the user is unset. With {@code meters}, a Micrometer
     * {@code MeterRegistry}, the pool reports its connections there.
     *
     * @throws IllegalStateException if HikariCP is not on the class path
     */
    static ReadReplicaPool open(EcommerceProperties.ReadReplica settings, DataSource application, Object meters) {
        if (!ClassUtils.isPresent(HIKARI, ReadReplicaPool.class.getClassLoader())) {
            throw new IllegalStateException("ecommerce.read-replica.url needs HikariCP on the class path "
                    + "(spring-boot-starter-jdbc brings it) for the read replica's pool");
        }
        DataSourceBuilder<?> builder = settings.username() == null
                ? DataSourceBuilder.derivedFrom(application)
                : DataSourceBuilder.create().username(settings.username());
        if (settings.password() != null) {
            builder.password(settings.password());
        }
        HikariDataSource pool = builder.type(HikariDataSource.class).url(settings.url()).build();
        pool.setPoolName("ecommerce-read-replica");
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(Math.min(1, settings.poolSize()));
        pool.setReadOnly(true);
        // a read waits this long for the replica before it reads the application's database instead
        pool.setConnectionTimeout(settings.connectTimeout().toMillis());
        if (meters != null) {
            pool.setMetricRegistry(meters);
        }
        return new ReadReplicaPool(pool, pool);
    }

    /** The pool's connections to the read replica. */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
