package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * The start-up check of the jOOQ and Flyway versions: what it lets through, and what it tells the
 * user to change when it refuses.
 */
class DependencyVersionsTest {

    @Test
    void theJooqThatSpringBootManagesIsRefusedWithTheMavenPropertyAndItsGradleEquivalent() {
        // given the jOOQ that Spring Boot 3.5's dependency management picks
        String bootsJooq = "3.19.27";

        // when the check sees it
        UnsupportedDependencyVersionException refusal = catchThrowableOfType(UnsupportedDependencyVersionException.class,
                () -> DependencyVersions.require(DependencyVersions.JOOQ, bootsJooq));

        // then it names what was found, what is needed, and the build setting that fixes it
        assertThat(refusal.description()).contains("jOOQ 3.19.27").contains("3.21 or newer");
        assertThat(refusal.action())
                .contains("<jooq.version>" + DependencyVersions.JOOQ.recommended() + "</jooq.version>")
                .contains("ext['jooq.version'] = '" + DependencyVersions.JOOQ.recommended() + "'");
        assertThat(refusal.getMessage()).startsWith(refusal.description()).endsWith(refusal.action());
    }

    @Test
    void theRecommendedVersionsComeFromTheBuildAndPassTheCheck() {
        // the jOOQ this module is built with is the one recommended
        assertThat(DependencyVersions.JOOQ.recommended()).isEqualTo(DependencyVersions.jooqVersion());
        assertThat(DependencyVersions.FLYWAY.recommended()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(DependencyVersions.isAtLeast(DependencyVersions.JOOQ.recommended(), DependencyVersions.JOOQ.minimum())).isTrue();
    }

    @Test
    void theVersionsOnThisClassPathAreReadAndPass() {
        assertThat(DependencyVersions.jooqVersion()).startsWith("3.");
        assertThat(DependencyVersions.flywayVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThatCode(DependencyVersions::requireSupported).doesNotThrowAnyException();
    }

    @Test
    void aFlywayBelowTheOldestVerifiedIsRefusedWithItsProperty() {
        UnsupportedDependencyVersionException refusal = catchThrowableOfType(UnsupportedDependencyVersionException.class,
                () -> DependencyVersions.require(DependencyVersions.FLYWAY, "10.22.0"));

        assertThat(refusal.description()).contains("Flyway 10.22.0").contains(DependencyVersions.FLYWAY.minimum() + " or newer");
        assertThat(refusal.action())
                .contains("<flyway.version>" + DependencyVersions.FLYWAY.recommended() + "</flyway.version>")
                .contains("ext['flyway.version'] = '" + DependencyVersions.FLYWAY.recommended() + "'");
    }

    @Test
    void versionsCompareByTheirNumbersNotAsText() {
        assertThat(DependencyVersions.isAtLeast("3.21.0", "3.21")).isTrue();
        assertThat(DependencyVersions.isAtLeast("3.21", "3.21.0")).isTrue();
        assertThat(DependencyVersions.isAtLeast("3.100.0", "3.21")).isTrue();
        assertThat(DependencyVersions.isAtLeast("4.0", "3.21")).isTrue();
        assertThat(DependencyVersions.isAtLeast("3.20.11", "3.21")).isFalse();
        assertThat(DependencyVersions.isAtLeast("3.9", "3.21")).isFalse();
        assertThat(DependencyVersions.isAtLeast("2.99.99", "3.21")).isFalse();
    }

    @Test
    void aQualifierDoesNotChangeTheVersionNumbers() {
        assertThat(DependencyVersions.isAtLeast("3.21.0-SNAPSHOT", "3.21")).isTrue();
        assertThat(DependencyVersions.isAtLeast("3.21.0-RC1", "3.21")).isTrue();
        assertThat(DependencyVersions.isAtLeast("3.19.27-jdk11", "3.21")).isFalse();
        assertThat(DependencyVersions.isAtLeast("11.7.2.Final", "11.7.2")).isTrue();
    }

    @Test
    void aVersionThatCannotBeReadIsLetThrough() {
        assertThatCode(() -> DependencyVersions.require(DependencyVersions.JOOQ, null)).doesNotThrowAnyException();
    }
}
