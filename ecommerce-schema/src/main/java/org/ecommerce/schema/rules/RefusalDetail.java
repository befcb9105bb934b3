package org.ecommerce.schema.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable format of a refusal's fields, as PostgreSQL's rule functions put it in the
 * error's DETAIL: space-separated {@code name=value} pairs in the order of {@link Rule#fields()},
 * for example {@code product_id=42 requested=3 available=2}.
 *
 * <p>Names are the catalogue's field names (lower case, digits and underscores). Values are ids,
 * whole numbers, plain decimals ({@code 12.50}) and status words: they never contain whitespace
 * or {@code =}. An empty value ({@code order_id=}) means the value is unknown (SQL NULL).
 */
public final class RefusalDetail {

    private RefusalDetail() {
    }

    /**
     * The fields written in {@code detail}, by name, in the order written; unknown (empty) values
     * and text that is not a {@code name=value} pair are left out. Empty for {@code null}.
     */
    public static Map<String, String> parse(String detail) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (detail == null) {
            return fields;
        }
        for (String pair : detail.strip().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && equals < pair.length() - 1) {
                fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * {@code fields} in this format, in their iteration order; a {@code null} value is written empty.
     *
     * @throws IllegalArgumentException if a value contains whitespace or {@code =}
     */
    public static String format(Map<String, ?> fields) {
        StringBuilder detail = new StringBuilder();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            String value = text(field.getValue());
            if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=')) {
                throw new IllegalArgumentException("field " + field.getKey() + " has a value with whitespace or '=': " + value);
            }
            if (!detail.isEmpty()) {
                detail.append(' ');
            }
            detail.append(field.getKey()).append('=').append(value);
        }
        return detail.toString();
    }

    /** A value as PostgreSQL's format('%s') writes it: decimals in plain notation, NULL empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
