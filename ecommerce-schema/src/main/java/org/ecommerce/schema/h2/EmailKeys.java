package org.ecommerce.schema.h2;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key by which two email addresses are the same account: {@code customer.email_key}, which
 * H2 computes with this class (alias {@code email_key}) and PostgreSQL with its SQL twin
 * {@code email_key(text)}, never from the database's locale.
 *
 * <p>Steps: NFKC; capital I with dot above (U+0130) to I, so that {@code İnes} and {@code ines}
 * meet; full upper case then full lower case in the root locale, so that long s and Kelvin sign
 * meet s and k, and ß meets ss; final sigma to sigma; NFKC again. Locale-specific casing (Turkish
 * dotless i) is deliberately not applied: the key must not depend on where the database runs.
 */
public final class EmailKeys {

    private EmailKeys() {
    }

    /** The key of {@code email}; null for null. */
    public static String of(String email) {
        if (email == null) {
            return null;
        }
        String s = Normalizer.normalize(email, Normalizer.Form.NFKC).replace('\u0130', 'I');
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('\u03C2', '\u03C3');
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
}
