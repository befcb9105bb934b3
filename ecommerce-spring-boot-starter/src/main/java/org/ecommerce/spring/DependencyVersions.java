package org.ecommerce.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/**
 * The jOOQ and Flyway versions the library needs, checked against the ones on the class path when
 * the application starts.
 *
 * <p>Spring Boot's dependency management pins its own jOOQ and Flyway versions, which wins over the
 * library's in the application's build unless the application sets them itself. An older jOOQ
 * fails only later, in the middle of a call ({@code NoSuchMethodError}); this check fails at once,
 * naming the build property to set.
 */
final class DependencyVersions {

    /** Versions from the build: the jOOQ the library was built with, the oldest Flyway it was tested with. */
    private static final Properties BUILT_WITH = load("built-with.properties");

    /**
     * jOOQ: the library and its generated classes are built with 3.21 and use API that 3.19 (Spring
     * Boot's) lacks, such as {@code DataType.generatedByDefaultAsIdentity()}; recommended, the
     * version the library was built with.
     */
    static final Requirement JOOQ = new Requirement("jOOQ", "3.21", BUILT_WITH.getProperty("jooq.version"), "jooq.version");

    /**
     * Flyway: the oldest version the library's migrations were tested with, Spring Boot 3.5's own, is
     * also the one recommended: Spring Boot 3.5's Flyway auto-configuration fails on Flyway 12 and newer.
     */
    static final Requirement FLYWAY = new Requirement("Flyway", BUILT_WITH.getProperty("flyway.minimum"),
            BUILT_WITH.getProperty("flyway.minimum"), "flyway.version");

    private DependencyVersions() {
    }

    /**
     * A library needed at a minimum version.
     *
     * @param name            its name, as users know it
     * @param minimum         the oldest version that works
     * @param recommended     the version to tell users to set
     * @param versionProperty the property of Spring Boot's dependency management that sets it
     */
    record Requirement(String name, String minimum, String recommended, String versionProperty) {
    }

    /**
     * Checks the jOOQ and Flyway on the class path.
     *
     * @throws UnsupportedDependencyVersionException if one of them is older than the library needs
     */
    static void requireSupported() {
        require(JOOQ, jooqVersion());
        require(FLYWAY, flywayVersion());
    }

    /**
     * Checks one version found on the class path; a version that cannot be read passes (nothing is
     * known against it).
     *
     * @throws UnsupportedDependencyVersionException if {@code found} is older than the requirement's minimum
     */
    static void require(Requirement requirement, String found) {
        if (found == null || isAtLeast(found, requirement.minimum())) {
            return;
        }
        String description = "The ecommerce library needs " + requirement.name() + " " + requirement.minimum()
                + " or newer, but " + requirement.name() + " " + found + " is on the class path. Spring Boot's "
                + "dependency management sets its own " + requirement.name() + " version unless the build sets it.";
        String action = "Set " + requirement.name() + " " + requirement.recommended() + " (or newer) in your build. Maven, in "
                + "the <properties> of your pom.xml: <" + requirement.versionProperty() + ">" + requirement.recommended()
                + "</" + requirement.versionProperty() + ">. Gradle (Spring's dependency-management plugin): ext['"
                + requirement.versionProperty() + "'] = '" + requirement.recommended() + "'.";
        throw new UnsupportedDependencyVersionException(description, action);
    }

    /**
     * Whether {@code version} is {@code minimum} or later, comparing the leading numbers of each
     * ({@code 3.21.0-SNAPSHOT} counts as {@code 3.21.0}; a missing number counts as 0).
     */
    static boolean isAtLeast(String version, String minimum) {
        int[] have = numbers(version);
        int[] need = numbers(minimum);
        for (int i = 0; i < Math.max(have.length, need.length); i++) {
            int a = i < have.length ? have[i] : 0;
            int b = i < need.length ? need[i] : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }

    private static int[] numbers(String version) {
        String[] parts = version.trim().split("\\.");
        int[] numbers = new int[parts.length];
        int count = 0;
        for (String part : parts) {
            int end = 0;
            while (end < part.length() && Character.isDigit(part.charAt(end))) {
                end++;
            }
            if (end == 0) {
                break;
            }
            numbers[count++] = Integer.parseInt(part.substring(0, end));
            if (end < part.length()) {
                break; // a qualifier such as -SNAPSHOT or -RC1 ends the numbers
            }
        }
        return Arrays.copyOf(numbers, count);
    }

    /**
     * The jOOQ version loaded, read from the class at run time: {@code org.jooq.Constants.VERSION}
     * written in this source would be the compiler's copy of the constant, never the class path's.
     */
    static String jooqVersion() {
        try {
            return (String) Class.forName("org.jooq.Constants", false, DependencyVersions.class.getClassLoader())
                    .getField("VERSION").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    /** The Flyway version loaded, from the Maven metadata in its jar. */
    static String flywayVersion() {
        try (InputStream in = DependencyVersions.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private static Properties load(String resource) {
        try (InputStream in = DependencyVersions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " beside " + DependencyVersions.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
