package org.ecommerce.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class twice: once on H2, once on PostgreSQL, shown as {@code [H2]} and
 * {@code [PostgreSQL]}. Each run gets its own freshly migrated database, handed to the test as a
 * {@link TestDatabase} constructor or method parameter.
 *
 * <p>PostgreSQL comes from {@code ECOMMERCE_TEST_PG_URL}, else from Testcontainers when a Docker
 * engine is running; with neither, the PostgreSQL run fails with a message saying how to provide one.
 * It is never skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClassTemplate
@ExtendWith(BothEngines.class)
public @interface OnBothEngines {
}
