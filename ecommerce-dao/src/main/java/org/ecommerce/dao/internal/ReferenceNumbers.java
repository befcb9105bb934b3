package org.ecommerce.dao.internal;

import java.security.SecureRandom;

/**
 * Customer-facing reference numbers (tracking numbers, return tickets): a prefix and 12 random
 * characters from an alphabet without look-alikes, so they cannot be guessed from one another.
 */
public final class ReferenceNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferenceNumbers() {
    }

    /** A new reference such as {@code TRK-7QK2M9XDH4PA}. */
    public static String next(String prefix) {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "-" + new String(chars);
    }
}
