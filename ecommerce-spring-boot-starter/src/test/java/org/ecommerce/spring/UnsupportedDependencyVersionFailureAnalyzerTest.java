package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up refused for a too old jOOQ or Flyway shows in Spring Boot's failure report as what
 * is wrong and, under "Action", the build setting that fixes it.
 */
class UnsupportedDependencyVersionFailureAnalyzerTest {

    @Test
    void theRefusalWrappedInABeanCreationFailureIsReportedWithItsFixAsTheAction() {
        // given the refusal as Spring reports it: inside the failure to create the bean
        UnsupportedDependencyVersionException refusal = catchThrowableOfType(UnsupportedDependencyVersionException.class,
                () -> DependencyVersions.require(DependencyVersions.JOOQ, "3.19.27"));
        BeanCreationException startFailure = new BeanCreationException("ecommerce", "cannot create the bean", refusal);

        // when Spring Boot analyses the failure
        FailureAnalysis analysis = new UnsupportedDependencyVersionFailureAnalyzer().analyze(startFailure);

        // then the report says what is wrong and what to do
        assertThat(analysis.getDescription()).isEqualTo(refusal.description()).contains("jOOQ 3.19.27");
        assertThat(analysis.getAction()).isEqualTo(refusal.action()).contains("<jooq.version>");
        assertThat(analysis.getCause()).isSameAs(refusal);
    }
}
