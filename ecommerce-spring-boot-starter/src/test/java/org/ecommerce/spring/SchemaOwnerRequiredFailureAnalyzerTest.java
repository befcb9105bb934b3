package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Migrations refused for want of the schema's owner show in Spring Boot's failure report as who
 * they ran as and, under "Action", the properties that make them connect as the owner.
 */
class SchemaOwnerRequiredFailureAnalyzerTest {

    @Test
    void theRefusalWrappedInABeanCreationFailureIsReportedWithThePropertiesAsTheAction() {
        // given the refusal as Spring reports it: inside the failure to create the bean
        SchemaOwnerRequiredException refusal = new SchemaOwnerRequiredException("ran as \"shop_app\"",
                "set spring.flyway.user", new SQLException("permission denied for schema public", "42501"));
        BeanCreationException startFailure = new BeanCreationException("ecommerceSchemaMigration", "cannot create the bean", refusal);

        // when Spring Boot analyses the failure
        FailureAnalysis analysis = new SchemaOwnerRequiredFailureAnalyzer().analyze(startFailure);

        // then the report says what is wrong and what to do
        assertThat(analysis.getDescription()).isEqualTo(refusal.description());
        assertThat(analysis.getAction()).isEqualTo(refusal.action());
        assertThat(analysis.getCause()).isSameAs(refusal);
    }

    @Test
    void springBootFindsTheAnalyzer() throws IOException {
        // Spring Boot instantiates the failure analyzers listed in META-INF/spring.factories
        List<String> analyzers = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = factories.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                String listed = properties.getProperty(FailureAnalyzer.class.getName(), "");
                for (String name : listed.split(",")) {
                    analyzers.add(name.strip());
                }
            }
        }
        assertThat(analyzers).contains(SchemaOwnerRequiredFailureAnalyzer.class.getName(),
                UnsupportedDependencyVersionFailureAnalyzer.class.getName());
    }
}
