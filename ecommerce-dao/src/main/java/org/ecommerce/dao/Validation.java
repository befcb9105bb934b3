package org.ecommerce.dao;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import org.ecommerce.schema.h2.CardNumbers;

/**
 * The input checks every command record runs in its constructor, so that a bad value is refused
 * with a {@link ValidationException} naming its field before anything reaches the database.
 * Limits match the schema's column sizes.
 */
public final class Validation {

    /** The largest amount a NUMERIC(12, 2) column holds. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");

    /** The earliest day a date column holds; timestamps from its start in UTC (the schema's {@code *_in_range} checks). */
    public static final LocalDate MIN_DATE = LocalDate.of(1800, 1, 1);

    /** The latest day a date column holds; timestamps up to its end in UTC. */
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    private static final Instant MIN_INSTANT = MIN_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_OF_MAX_DATE = MAX_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    // the database's rule (customer_email_format), so that the library refuses no address a plain-SQL
    // writer or the import may store: text, one @, more text, no space; the mail server is the real judge
    private static final Pattern EMAIL = Pattern.compile("^[^@ ]+@[^@ ]+$");

    private Validation() {
    }

    /** A required text of at most {@code max} characters, not blank, valid Unicode, without NUL. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return optionalText(field, value, max);
    }

    /** An optional text (null allowed) of at most {@code max} characters, valid Unicode, without NUL. */
    public static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        // UTF-16 length: the stricter of the two engines' notions of "characters"
        if (value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new ValidationException(field, "must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException(field, "must be valid Unicode (unpaired surrogate)");
            }
        }
        return value;
    }

    /** An email address of at most 254 characters. */
    public static String email(String field, String value) {
        text(field, value, 254);
        if (!EMAIL.matcher(value).matches()) {
            throw new ValidationException(field, "is not an email address");
        }
        return value;
    }

    /**
     * A text that holds no payment card number (a Luhn-valid run of 13 to 19 digits, single spaces
     * or dashes allowed between them): the same test as the schema's {@code *_no_card_number}
     * checks, by the same class. Null passes.
     */
    public static String noCardNumber(String field, String value) {
        if (CardNumbers.contains(value)) {
            throw new ValidationException(field, "must not contain a payment card number");
        }
        return value;
    }

    /** A quantity of at least 1. */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new ValidationException(field, "must be at least 1");
        }
        return value;
    }

    /** A quantity of at least 0. */
    public static int notNegative(String field, int value) {
        if (value < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        return value;
    }

    /** An id: positive. (Whether it exists is checked against the database.) */
    public static long id(String field, long value) {
        if (value <= 0) {
            throw new ValidationException(field, "must be a positive id");
        }
        return value;
    }

    /** A required, non-negative amount with at most two decimals that fits NUMERIC(12, 2). */
    public static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.signum() < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new ValidationException(field, "must have at most two decimals");
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new ValidationException(field, "must be at most " + MAX_MONEY);
        }
        return value.setScale(2);
    }

    /** An optional date (null allowed) from {@link #MIN_DATE} to {@link #MAX_DATE}. */
    public static LocalDate optionalDate(String field, LocalDate value) {
        if (value != null && (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE))) {
            throw new ValidationException(field, dateRange());
        }
        return value;
    }

    /** A required instant within the days from {@link #MIN_DATE} to {@link #MAX_DATE}, in UTC. */
    public static Instant instant(String field, Instant value) {
        required(field, value);
        if (value.isBefore(MIN_INSTANT) || !value.isBefore(END_OF_MAX_DATE)) {
            throw new ValidationException(field, dateRange() + " (UTC)");
        }
        return value;
    }

    private static String dateRange() {
        return "must be between " + MIN_DATE + " and " + MAX_DATE;
    }

    /** A required value. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /** A required list without a missing element; the i-th, if missing, is named {@code field[i]}. */
    public static <T> List<T> requiredEach(String field, List<T> values) {
        required(field, values);
        int i = 0;
        for (T value : values) {
            required(field + "[" + i++ + "]", value);
        }
        return values;
    }
}
