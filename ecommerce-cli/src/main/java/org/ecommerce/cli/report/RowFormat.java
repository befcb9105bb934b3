package org.ecommerce.cli.report;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ecommerce.cli.console.TextTable;
import org.ecommerce.cli.transfer.CsvValues;

/** How a report prints its rows. */
public enum RowFormat {

    /** A psql-style text table (the rows are collected first, to size the columns). */
    TABLE {
        @Override
        public void print(Class<?> rowType, Stream<? extends Record> rows, PrintWriter out) {
            TextTable table = new TextTable(RecordRows.columns(rowType).toArray(String[]::new));
            // numbers stay numbers, so that the table right-aligns them
            rows.forEach(row -> RecordRows.lines(row).forEach(line -> table.row(line.stream()
                    .map(v -> v instanceof Number ? v : text(v)).toArray())));
            table.print(out);
        }
    },

    /**
     * CSV with a header row, streamed; nested lists are flattened as in the table; a text that a
     * spreadsheet would run as a formula gets a leading {@code '}, as in {@code export}'s files.
     */
    CSV {
        @Override
        public void print(Class<?> rowType, Stream<? extends Record> rows, PrintWriter out) {
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                        .setHeader(RecordRows.columns(rowType).toArray(String[]::new)).get());
                Iterator<? extends Record> it = rows.iterator();
                while (it.hasNext()) {
                    for (List<Object> line : RecordRows.lines(it.next())) {
                        csv.printRecord(line.stream().map(v -> v == null ? null
                                : v instanceof String name ? CsvValues.neutralised(name) : text(v)).toList());
                    }
                }
                csv.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    },

    /** A JSON array of objects, streamed; nested lists stay nested. */
    JSON {
        @Override
        public void print(Class<?> rowType, Stream<? extends Record> rows, PrintWriter out) {
            out.print('[');
            Iterator<? extends Record> it = rows.iterator();
            boolean first = true;
            while (it.hasNext()) {
                out.print(first ? "\n  " : ",\n  ");
                first = false;
                out.print(json(it.next()));
            }
            out.println(first ? "]" : "\n]");
        }
    };

    /** Prints {@code rows}, each a {@code rowType}, to {@code out}. */
    public abstract void print(Class<?> rowType, Stream<? extends Record> rows, PrintWriter out);

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        if (value instanceof Record record) {
            StringBuilder object = new StringBuilder("{");
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (object.length() > 1) {
                    object.append(", ");
                }
                object.append(quote(component.getName())).append(": ").append(json(RecordRows.value(component, record)));
            }
            return object.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RowFormat::json).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
