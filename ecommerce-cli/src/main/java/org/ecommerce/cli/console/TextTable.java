package org.ecommerce.cli.console;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of text for a terminal, in the style of psql: a header, a rule, one line per row;
 * numbers right-aligned, everything else left-aligned.
 *
 * <pre>
 *  id | name        | price
 * ----+-------------+-------
 *   1 | Claw hammer | 19.90
 * </pre>
 */
public final class TextTable {

    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    /** A table with these column headers. */
    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row: one cell per header; null is shown empty. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(java.util.Arrays.asList(cells));
        return this;
    }

    /** Prints the table followed by its row count, as psql does. */
    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<Object> row : rows) {
                widths[c] = Math.max(widths[c], text(row.get(c)).length());
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            header.append(c == 0 ? " " : " | ").append(pad(headers.get(c), widths[c], false));
            rule.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (List<Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                Object cell = row.get(c);
                line.append(c == 0 ? " " : " | ").append(pad(text(cell), widths[c], cell instanceof Number));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        out.flush();
    }

    private static String text(Object cell) {
        return switch (cell) {
            case null -> "";
            case BigDecimal decimal -> decimal.toPlainString();
            default -> cell.toString();
        };
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(width - text.length());
        return right ? padding + text : text + padding;
    }
}
