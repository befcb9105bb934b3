package org.ecommerce.cli.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
final class CsvValues {

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
    static String neutralised(String text) {
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
                return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(javaType == LocalDate.class
                    ? "is not a date like 2024-05-31: " + quoted(text)
                    : "is not a timestamp with offset like 2024-05-31T14:30:00Z: " + quoted(text));
        }
        throw new IllegalStateException("no CSV conversion for " + javaType.getName());
    }

    /** A field's text for a message, shortened so that one line stays readable. */
    static String quoted(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
    }
}
