package org.ecommerce.spring;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.observation.MicrometerObservations;
import org.ecommerce.dao.observation.OperationObserver;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

import io.micrometer.observation.ObservationRegistry;

/**
 * The library in a Spring Boot application (3.5 or 4): an {@link Ecommerce} bean on the
 * application's {@code DataSource} that joins the application's Spring transactions, the library's
 * migrations run at start-up beside the application's own ({@link EcommerceSchemaMigration}), and
 * Micrometer observations of every operation when the application has an
 * {@code ObservationRegistry}, and reads that may be a little behind on a read replica when
 * {@code ecommerce.read-replica.url} names one. Settings: {@link EcommerceProperties}, which also describes a
 * service with two roles (the pool as a role with read and write rights only, the migrations as
 * the schema's owner), and {@link EcommerceBuilderCustomizer} beans for the rest. An
 * {@link Ecommerce} or {@link EcommerceSchemaMigration} bean of the application's own replaces the
 * starter's; with its own {@code Ecommerce}, the {@code ecommerce.*} settings of the library itself
 * (timeouts, retries, read replica, logging) are its builder's to set, and only the migration's apply.
 *
 * <p>Spring Boot's own auto-configurations are named as strings, with their Boot 3 and Boot 4
 * names, so that one jar serves both lines.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ Ecommerce.class, DataSourceUtils.class, TransactionSynchronizationManager.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(EcommerceProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class EcommerceAutoConfiguration {

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /**
     * Checks the jOOQ and Flyway versions first: this configuration is created before any of its
     * beans, so a too old version fails the start with its fix before anything runs on it.
     *
     * @throws UnsupportedDependencyVersionException if jOOQ or Flyway is older than the library needs
     */
    public EcommerceAutoConfiguration() {
        DependencyVersions.requireSupported();
    }

    /**
     * The library's migrations, run at start-up unless {@code ecommerce.migrate-on-start=false}:
     * on a connection of their own when {@code ecommerce.migration.*} or Spring Boot's
     * {@code spring.flyway.*} name a URL or user (the schema's owner, in a service whose pool
     * connects as a role with read and write rights only), otherwise on the application's pool.
     */
    @Bean
    @ConditionalOnMissingBean(EcommerceSchemaMigration.class)
    @ConditionalOnProperty(prefix = "ecommerce", name = "migrate-on-start", havingValue = "true", matchIfMissing = true)
    public EcommerceSchemaMigration ecommerceSchemaMigration(DataSource dataSource, EcommerceProperties properties,
                                                             Environment environment) {
        MigrationConnection connection = MigrationConnection.of(properties.migration(), environment);
        return new EcommerceSchemaMigration(connection.dataSource(target(dataSource)), connection.description(), properties);
    }

    /**
     * The library's own pool of the read replica, when {@code ecommerce.read-replica.url} is set
     * (null, no pool, when it is not, or blank); closed with the application, and reporting to the
     * application's Micrometer {@code MeterRegistry} when it has one, as HikariCP reports Spring
     * Boot's own pool (the {@code hikaricp.connections.*} meters, tagged
     * {@code pool=ecommerce-read-replica}). Not made for an {@link Ecommerce} of the application's
     * own, which has its replica from its own builder.
     */
    @Bean
    @ConditionalOnMissingBean(Ecommerce.class) // sees the application's beans only: the starter's Ecommerce comes below
    ReadReplicaPool ecommerceReadReplicaPool(DataSource dataSource, EcommerceProperties properties, ListableBeanFactory beans) {
        return properties.readReplica().isSet()
                ? ReadReplicaPool.open(properties.readReplica(), target(dataSource), meterRegistry(beans))
                : null;
    }

    /**
     * The application's Micrometer {@code MeterRegistry}, or null without one; looked up by name,
     * so that the starter loads without micrometer-core.
     */
    private static Object meterRegistry(ListableBeanFactory beans) {
        ClassLoader loader = EcommerceAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(METER_REGISTRY, loader)) {
            return null;
        }
        return beans.getBeanProvider(ClassUtils.resolveClassName(METER_REGISTRY, loader)).getIfUnique();
    }

    /**
     * The library on the application's data source, joining its Spring transactions, observed by
     * the application's {@link OperationObserver} if there is one, reading from the read replica
     * of {@code ecommerce.read-replica.*} if one is set, then changed by every
     * {@link EcommerceBuilderCustomizer}. Not made when the application defines an {@link Ecommerce}.
     */
    @Bean
    @ConditionalOnMissingBean(Ecommerce.class)
    public Ecommerce ecommerce(DataSource dataSource, EcommerceProperties properties, ObjectProvider<OperationObserver> observer,
                               ObjectProvider<ReadReplicaPool> readReplica,
                               ObjectProvider<EcommerceBuilderCustomizer> customizers) {
        // made after the migrations, as every Ecommerce bean is (EcommerceDependsOnMigrationDetector)
        DataSource pool = target(dataSource);
        Ecommerce.Builder builder = Ecommerce.builder(pool)
                .callerTransactions(new SpringCallerTransactions(pool))
                .historyTable(properties.historyTable())
                // without the migrations at start-up the schema may arrive later (a deploy job):
                // the bean exists from the start, and a call before then fails on the missing table
                .checkSchemaVersion(properties.migrateOnStart())
                .maxRetries(properties.maxRetries())
                .logEveryStatement(properties.logEveryStatement())
                .observedBy(observer.getIfUnique(() -> OperationObserver.NONE));
        if (properties.schema() != null) {
            builder.schema(properties.schema());
        }
        if (properties.statementTimeout() != null) {
            builder.statementTimeout(properties.statementTimeout());
        }
        if (properties.slowStatementThreshold() != null) {
            builder.slowStatementThreshold(properties.slowStatementThreshold());
        }
        ReadReplicaPool replica = readReplica.getIfAvailable();
        if (replica != null) {
            builder.readReplica(replica.dataSource())
                    .replicaMaxLag(properties.readReplica().maxLag())
                    .replicaCatchUpTimeout(properties.readReplica().catchUpTimeout());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * The data source that Spring's transaction manager binds connections to: a
     * {@code TransactionAwareDataSourceProxy} would hand the library the transaction's connection
     * where it wants one of its own.
     */
    static DataSource target(DataSource dataSource) {
        if (dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
            return proxy.getTargetDataSource();
        }
        return dataSource;
    }

    /** Micrometer observations, only when Micrometer is on the class path and the application has a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnBean(ObservationRegistry.class)
        @ConditionalOnMissingBean(OperationObserver.class)
        OperationObserver ecommerceOperationObserver(ObservationRegistry registry) {
            return MicrometerObservations.using(registry);
        }
    }
}
