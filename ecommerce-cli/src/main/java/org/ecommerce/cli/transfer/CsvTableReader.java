package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.jooq.DataType;
import org.jooq.Field;

/**
 * Reads one table's CSV file into rows, checking what the column types alone decide: the file is
 * UTF-8, the header names real columns, every required value is there, numbers and dates parse,
 * dates lie in the schema's range, texts fit their column, amounts have at most the column's
 * decimals. Holds the rows in a list, or streams them one at a time to a {@link RowSink}.
 */
final class CsvTableReader {

    /**
     * Added to an unknown column of basket.csv: a source shop's basket table often keeps checked-out
     * baskets with a status, which this schema holds as orders instead.
     */
    private static final String CHECKED_OUT_BASKETS = "; basket.csv holds each customer's open basket only:"
            + " a checked-out basket is an order, imported with orders.csv and order_line.csv";

    private final ShopTable table;
    private final ImportProblems problems;

    CsvTableReader(ShopTable table, ImportProblems problems) {
        this.table = table;
        this.problems = problems;
    }

    /**
     * The columns {@code file}'s header names, or null if it is unusable; reads no row and reports
     * nothing (reading the whole file reports the header's problems).
     */
    List<Field<?>> columns(Path file) throws IOException {
        try (Utf8Lines reader = new Utf8Lines(Files.newInputStream(file));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CsvValues.FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord headerRecord = records.next();
            return new CsvTableReader(table, new ImportProblems()).header(headerRecord, records);
        }
    }

    /** Something done with each row as it is read, which may fail with an SQLException (a write). */
    @FunctionalInterface
    interface RowSink {
        void accept(ImportRow row) throws SQLException;
    }

    /**
     * Reads {@code file} one row at a time, handing each row to {@code sink} and keeping none: a
     * file of any size streams through. Returns the header's columns, null if it is unusable (then
     * no row is read and the problem is on line 1).
     */
    List<Field<?>> read(Path file, RowSink sink) throws IOException {
        try {
            return stream(file, sink);
        } catch (SQLException e) {
            throw new IllegalStateException("a collecting sink cannot fail", e);
        }
    }

    /** As {@link #read(Path, RowSink)}, for a sink that writes: its SQLException goes through. */
    List<Field<?>> stream(Path file, RowSink sink) throws IOException, SQLException {
        try (Utf8Lines reader = new Utf8Lines(Files.newInputStream(file));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CsvValues.FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                problems.fileProblem(table, 1, "header", "the file is empty; expected a header row");
                return null;
            }
            CSVRecord headerRecord = records.next();
            String undecodable = reader.undecodable(1, Math.max(1, parser.getCurrentLineNumber()));
            if (undecodable != null) {
                problems.fileProblem(table, 1, "encoding", undecodable);
                return null;
            }
            List<Field<?>> header = header(headerRecord, records);
            if (header == null) {
                return null;
            }
            while (true) {
                // a quoted value may span lines: the row starts after the lines read so far
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0) == null) {
                    continue; // an empty line (a spreadsheet may end a file with one): no table has one column
                }
                undecodable = reader.undecodable(line, Math.max(line, parser.getCurrentLineNumber()));
                sink.accept(undecodable != null ? refused(line, "encoding", undecodable) : row(line, record, header));
            }
            return header;
        }
    }

    /** The columns the header names, or null if it is unusable (then the problem is reported). */
    private List<Field<?>> header(CSVRecord record, Iterator<CSVRecord> rows) {
        Map<String, Field<?>> known = new HashMap<>();
        table.importColumns().forEach(c -> known.put(c.getName(), c));
        List<Field<?>> header = new ArrayList<>();
        boolean usable = true;
        for (String name : record) {
            Field<?> column = name == null ? null : known.get(name.strip());
            if (column == null) {
                problems.fileProblem(table, 1, "header", "\"" + name + "\" is not a column of " + table.sqlName()
                        + " (columns: " + String.join(", ", table.importColumns().stream().map(Field::getName).toList()) + ")"
                        + (table == ShopTable.BASKET_TABLE ? CHECKED_OUT_BASKETS : ""));
                usable = false;
            } else if (header.contains(column)) {
                problems.fileProblem(table, 1, "header", "column " + column.getName() + " appears twice");
                usable = false;
            } else {
                header.add(column);
            }
        }
        boolean typeByName = header.contains(ShopTable.INTERACTION_TYPE_NAME);
        if (typeByName && header.contains(INTERACTION.TYPE_ID)) {
            problems.fileProblem(table, 1, "header", "columns type_id and type both name the interaction's type: give one of them");
            usable = false;
        }
        List<String> missingSecrets = new ArrayList<>();
        for (Field<?> column : table.columns()) {
            boolean mayBeLeftOut = column.getDataType().nullable() || column.getDataType().defaulted();
            boolean isKey = table.primaryKey().stream().anyMatch(k -> k.getName().equals(column.getName()));
            boolean givenByName = typeByName && column.equals(INTERACTION.TYPE_ID);
            boolean required = isKey ? !table.keyMayBeLeftOut() : !mayBeLeftOut && !givenByName;
            // a secret column may hold empty values, yet a file without it is an export that left it out
            if (!header.contains(column) && (required || ShopTable.isSecret(column))) {
                if (ShopTable.isSecret(column)) {
                    missingSecrets.add(column.getName());
                } else {
                    problems.fileProblem(table, 1, "header", "column " + column.getName()
                            + (column.equals(INTERACTION.TYPE_ID) ? " (or type, the type's name)" : "") + " is missing");
                    usable = false;
                }
            }
        }
        // an export without its secrets still imports as long as the table has no rows
        if (usable && !missingSecrets.isEmpty() && rows.hasNext()) {
            problems.fileProblem(table, 1, "header", "column " + String.join(", ", missingSecrets) + " is missing: export"
                    + " writes it only with --include-secrets, and no " + table.sqlName() + " row can be imported without it");
            usable = false;
        }
        return usable ? header : null;
    }

    /** A row refused as a whole, before its values are read. */
    private ImportRow refused(long line, String field, String reason) {
        ImportRow row = new ImportRow(table, line, List.of(), new Object[0]);
        problems.reject(row, field, reason);
        return row;
    }

    private ImportRow row(long line, CSVRecord record, List<Field<?>> header) {
        if (record.size() != header.size()) {
            ImportRow row = new ImportRow(table, line, List.of(), new Object[0]);
            problems.reject(row, "row", "has " + record.size() + " fields, the header has " + header.size());
            return row;
        }
        Object[] values = new Object[header.size()];
        ImportRow row = new ImportRow(table, line, header, values);
        for (int i = 0; i < header.size(); i++) {
            Field<?> column = header.get(i);
            String text = record.get(i);
            try {
                Object value = CsvValues.fromCsv(text, column.getDataType());
                String reason = valueProblem(value, column.getDataType());
                if (reason != null) {
                    problems.reject(row, column.getName(), reason);
                }
                values[i] = value;
            } catch (IllegalArgumentException e) {
                problems.reject(row, column.getName(), e.getMessage());
            }
        }
        return row;
    }

    /** What the column's type refuses in {@code value}, or null. */
    private static String valueProblem(Object value, DataType<?> type) {
        if (value == null) {
            return type.nullable() ? null : "is required";
        }
        try {
            // the range the schema's *_in_range checks allow
            if (value instanceof LocalDate date) {
                Validation.optionalDate("date", date);
            } else if (value instanceof OffsetDateTime timestamp) {
                Validation.instant("timestamp", timestamp.toInstant());
            }
        } catch (ValidationException e) {
            return e.reason() + ": " + value;
        }
        if (value instanceof String text && type.hasLength() && type.length() > 0 && text.length() > type.length()) {
            return "must be at most " + type.length() + " characters (has " + text.length() + ")";
        }
        if (value instanceof BigDecimal decimal && type.hasPrecision() && type.precision() > 0) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() > type.scale()) {
                return "must have at most " + type.scale() + " decimals: " + decimal.toPlainString();
            }
            if (stripped.precision() - stripped.scale() > type.precision() - type.scale()) {
                return "is too large for the column: " + decimal.toPlainString();
            }
        }
        return null;
    }
}
