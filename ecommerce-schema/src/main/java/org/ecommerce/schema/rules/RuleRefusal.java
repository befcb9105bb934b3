package org.ecommerce.schema.rules;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A refusal by one of H2's rule triggers: the {@link Rule} that refused and the fields it carries,
 * by name. H2 wraps an exception that a trigger throws, but keeps it as the cause, so a caller
 * finds this object in the cause chain of the error its statement raised.
 *
 * <p>Its SQLSTATE is 23513 (H2's check violation) and its message is {@code <rule name>: <explanation>},
 * the same message PostgreSQL's rule functions raise. PostgreSQL carries the same rule name and
 * fields in the error's CONSTRAINT and DETAIL ({@link RefusalDetail}).
 */
public final class RuleRefusal extends SQLException {

    private static final long serialVersionUID = 1L;

    /** SQLSTATE of H2's own CHECK violations, used for every rule refusal on H2. */
    public static final String SQLSTATE = "23513";

    private final Rule rule;
    private final Map<String, String> fields;

    /**
     * Creates the refusal.
     *
     * @param rule        the rule that refuses
     * @param explanation what is wrong, for people (the message is the rule's name, a colon and this)
     * @param fields      a value for each of the rule's {@linkplain Rule#fields() fields}, by name;
     *                    {@code null} where it is unknown
     * @throws IllegalArgumentException if the names are not exactly the rule's fields
     */
    public RuleRefusal(Rule rule, String explanation, Map<String, ?> fields) {
        super(Objects.requireNonNull(rule, "rule").databaseName() + ": " + explanation, SQLSTATE);
        if (!Set.copyOf(rule.fields()).equals(fields.keySet())) {
            throw new IllegalArgumentException(rule.databaseName() + " carries the fields " + rule.fields()
                    + ", not " + fields.keySet());
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (String name : rule.fields()) {
            Object value = fields.get(name);
            if (value != null) {
                known.put(name, RefusalDetail.text(value));
            }
        }
        this.rule = rule;
        this.fields = Collections.unmodifiableMap(known);
    }

    /** The rule that refused. */
    public Rule rule() {
        return rule;
    }

    /** The fields' values by name, in the catalogue's order; a field whose value is unknown is absent. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The fields in the {@link RefusalDetail} format, as PostgreSQL's DETAIL carries them. */
    public String detail() {
        Map<String, String> all = new LinkedHashMap<>();
        rule.fields().forEach(name -> all.put(name, fields.get(name)));
        return RefusalDetail.format(all);
    }
}
