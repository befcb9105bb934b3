package org.ecommerce.dao.internal;

/**
 * Whether PostgreSQL's JDBC driver is on the class path. The library uses it where it is (its
 * structured errors, {@code COPY}) and never needs it: a service on H2 alone does not ship it.
 */
public final class PostgresqlDriver {

    private static final boolean PRESENT = loadable();

    private PostgresqlDriver() {
    }

    /** Whether the driver's classes can be loaded. */
    public static boolean present() {
        return PRESENT;
    }

    private static boolean loadable() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresqlDriver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
