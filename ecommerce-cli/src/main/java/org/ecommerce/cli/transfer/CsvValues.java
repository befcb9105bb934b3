package org.ecommerce.cli.transfer;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.jooq.DataType;

/**
 * How values are written to and read from the CSV files: RFC 4180, a header row, numbers bare,
 * everything else quoted, and an empty unquoted field for SQL NULL, so that NULL and an empty
 * text stay apart. Timestamps are ISO-8601 with their offset, dates ISO-8601, booleans
 * {@code true}/{@code false}.
 */
public final class CsvValues {

    /** The format of every file, for reading and writing. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setNullString("")
            .setQuoteMode(QuoteMode.NON_NUMERIC)
            .setRecordSeparator('\n')
            .get();

    private CsvValues() {
    }

    /** The value to print for a database value (a Number is printed bare, anything else quoted). */
    static Object toCsv(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.scale() < 0 ? decimal.setScale(0) : decimal;
            case OffsetDateTime timestamp -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(timestamp);
            default -> value;
        };
    }

    /**
     * A text as a spreadsheet shows it instead of running it: with a leading {@code '} if it
     * starts with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return (OWASP's
     * advice against CSV injection); other texts as they are.
     */
    public static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /**
     * The database value for a CSV field of a column of {@code type}.
     *
     * @throws IllegalArgumentException with a reason fit for "file:line: field: reason"
     */
    static Object fromCsv(String text, DataType<?> type) {
        if (text == null) {
            return null;
        }
        Class<?> javaType = type.getType();
        try {
            if (javaType == String.class) {
                return text;
            }
            if (javaType == Long.class) {
                return Long.valueOf(text.strip());
            }
            if (javaType == Integer.class) {
                return Integer.valueOf(text.strip());
            }
            if (javaType == Short.class) {
                return Short.valueOf(text.strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number in range: " + quoted(text));
        }
        try {
            if (javaType == BigDecimal.class) {
                return new BigDecimal(text.strip());
            }
            if (javaType == Double.class) {
                double value = Double.parseDouble(text.strip());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number: " + quoted(text));
        }
        if (javaType == Boolean.class) {
            return switch (text.strip()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("is not true or false: " + quoted(text));
            };
        }
        try {
            if (javaType == LocalDate.class) {
                return LocalDate.parse(text.strip());
            }
            if (javaType == OffsetDateTime.class) {
                String stripped = text.strip();
                OffsetDateTime timestamp = canonicalTimestamp(stripped);
                return timestamp != null ? timestamp : OffsetDateTime.parse(stripped, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(javaType == LocalDate.class
                    ? "is not a date like 2024-05-31: " + quoted(text)
                    : "is not a timestamp with offset like 2024-05-31T14:30:00Z: " + quoted(text));
        }
        throw new IllegalStateException("no CSV conversion for " + javaType.getName());
    }

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * A timestamp of the shape export writes, {@code 2024-05-31T14:30:00[.fraction](Z|+02:00)},
     * read straight from its digits: the general ISO-8601 parser takes about half of an import's
     * reading time. Null for any other text, and for one whose fields are out of range, which the
     * ISO-8601 parser then reads or refuses: so both accept the same texts with the same values.
     */
    static OffsetDateTime canonicalTimestamp(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int from = ++at;
            while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at - from < 1 || at - from > 9) {
                return null;
            }
            nano = digits(text, from, at) * NANOS_PER_DIGIT[at - from];
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            ZoneOffset offset;
            if (at == length - 1 && text.charAt(at) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
                int sign = text.charAt(at) == '-' ? -1 : 1;
                int hours = digits(text, at + 1, at + 3);
                int minutes = digits(text, at + 4, at + 6);
                if ((hours | minutes) < 0) {
                    return null;
                }
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } else {
                return null;
            }
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the ASCII digits {@code text[from, to)} write, or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A field's text for a message, shortened so that one line stays readable. */
    static String quoted(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
    }
}
