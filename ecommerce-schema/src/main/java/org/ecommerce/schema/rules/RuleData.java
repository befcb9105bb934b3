package org.ecommerce.schema.rules;

import java.util.Set;

/**
 * The tables whose rows are rules themselves, such as the allowed status moves that the rule
 * triggers of both engines read. The application role may read them but not change them: whoever
 * could insert a row there could allow any move. Only the schema's owner changes them, by migration.
 */
public final class RuleData {

    /** The names of the tables whose rows are rules. */
    public static final Set<String> TABLES = Set.of("status_transition");

    private RuleData() {
    }
}
