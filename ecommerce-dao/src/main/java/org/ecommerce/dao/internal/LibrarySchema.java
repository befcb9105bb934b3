package org.ecommerce.dao.internal;

import org.jooq.DSLContext;

/**
 * The schema the library's tables live in, as the context's settings map it
 * ({@code MigrationOptions.schema}): what plain SQL naming the library's tables or functions
 * must qualify them with.
 */
public final class LibrarySchema {

    private LibrarySchema() {
    }

    /** The schema the library's statements name, or null when they use the connection's current one. */
    public static String of(DSLContext dsl) {
        if (dsl.settings().getRenderMapping() == null || dsl.settings().getRenderMapping().getSchemata().isEmpty()) {
            return null;
        }
        return dsl.settings().getRenderMapping().getSchemata().get(0).getOutput();
    }
}
