package org.ecommerce.schema.h2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a payment card number pasted into a text: a run of ASCII digits, single spaces or dashes
 * allowed between them, that holds 13 to 19 digits and passes the Luhn checksum.
 *
 * <p>One implementation for H2's CHECK constraints ({@code contains_card_number}, an alias of
 * {@link #contains}) and the library's validation; PostgreSQL's {@code contains_card_number(text)}
 * is its plpgsql twin. A run is maximal: digits glued to a longer run (a 20-digit reference) are
 * not a card number, so that long ids and tokens are not refused by chance.
 */
public final class CardNumbers {

    // the same pattern as PostgreSQL's function: a digit, then digits each after at most one separator
    private static final Pattern RUN = Pattern.compile("[0-9](?:[ -]?[0-9])*");

    private CardNumbers() {
    }

    /** Whether {@code text} holds a Luhn-valid run of 13 to 19 digits; false for null. */
    public static boolean contains(String text) {
        if (text == null) {
            return false;
        }
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            String digits = run.group().replace(" ", "").replace("-", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
