package org.ecommerce.schema;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps jOOQ's announcements out of the application's log. Every use of jOOQ in the library goes
 * through {@link Engine}, whose class initialisation calls {@link #quiet()} before jOOQ runs a query.
 *
 * <p>jOOQ prints a banner and a "tip of the day" at its first query, and warns once that
 * PostgreSQL 15 is older than its open-source dialect supports; the library needs nothing past 15
 * and its tests run on 15. An application that wants any of them back sets the property first
 * ({@code -Dorg.jooq.no-logo=false}) or configures the logger itself: each is set here only when
 * nobody has set it before.
 */
final class FirstContactLog {

    /** jOOQ's logger of the dialect/database-version check. */
    static final String JOOQ_VERSION_LOGGER = "org.jooq.impl.DefaultExecuteContext.logVersionSupport";

    /** java.util.logging keeps loggers weakly: the configured one must stay reachable. */
    private static final List<Logger> KEPT = new CopyOnWriteArrayList<>();

    private FirstContactLog() {
    }

    static void quiet() {
        setUnlessSet("org.jooq.no-logo", "true");
        setUnlessSet("org.jooq.no-tips", "true");
        // jOOQ logs through SLF4J when present, else through java.util.logging: the version check
        // at ERROR in SLF4J's simple binding and in java.util.logging; other bindings are configured
        // by the application (README names the logger)
        setUnlessSet("org.slf4j.simpleLogger.log." + JOOQ_VERSION_LOGGER, "error");
        Logger versionCheck = Logger.getLogger(JOOQ_VERSION_LOGGER);
        if (versionCheck.getLevel() == null) {
            versionCheck.setLevel(Level.SEVERE);
            KEPT.add(versionCheck);
        }
    }

    private static void setUnlessSet(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
