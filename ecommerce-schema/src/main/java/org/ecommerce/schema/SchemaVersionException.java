package org.ecommerce.schema;

import java.util.Optional;

/**
 * The database's schema is not the one this version of the library works with: never migrated,
 * migrated by an older version (run {@link EcommerceSchema#migrate}), or by a newer one (use that
 * version of the library).
 */
public final class SchemaVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;

    /**
     * Creates the exception.
     *
     * @param expected the version this library needs ({@link EcommerceSchema#LATEST_VERSION})
     * @param found    the version recorded in the database, or null when the library's migrations
     *                 never ran there
     * @param where    the schema and history table looked at, for the message
     */
    public SchemaVersionException(String expected, String found, String where) {
        super(message(expected, found, where));
        this.expected = expected;
        this.found = found;
    }

    /** The schema version this library needs. */
    public String expected() {
        return expected;
    }

    /** The schema version the database records; empty when it was never migrated. */
    public Optional<String> found() {
        return Optional.ofNullable(found);
    }

    private static String message(String expected, String found, String where) {
        if (found == null) {
            return "the database is not migrated (no schema version in " + where + "); this library needs version "
                    + expected + ": run EcommerceSchema.migrate(dataSource) first";
        }
        boolean older = compare(found, expected) < 0;
        return "the database's schema is at version " + found + " (" + where + "); this library needs version "
                + expected + (older ? ": run EcommerceSchema.migrate(dataSource) to upgrade it"
                        : ": it was migrated by a newer version of the library, use that version");
    }

    /** Compares dotted numeric versions ("24" before "24.1" before "25"). */
    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long left = i < x.length ? parse(x[i]) : 0;
            long right = i < y.length ? parse(y[i]) : 0;
            if (left != right) {
                return Long.compare(left, right);
            }
        }
        return 0;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
