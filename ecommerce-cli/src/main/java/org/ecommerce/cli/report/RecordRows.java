package org.ecommerce.cli.report;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the typed rows of a query (Java records, possibly holding lists of records, such as a
 * customer with orders with lines) into flat columns for a table or a CSV file: one output line
 * per innermost element, the outer values repeated; an empty list gives one line with blanks, so
 * that a customer without orders still shows.
 */
final class RecordRows {

    private RecordRows() {
    }

    /** The flat column names of a row type: nested components as {@code orders.lines.quantity}. */
    static List<String> columns(Class<?> rowType) {
        List<String> columns = new ArrayList<>();
        for (RecordComponent component : rowType.getRecordComponents()) {
            Class<?> nested = nestedRecordType(component);
            if (nested == null) {
                columns.add(component.getName());
            } else {
                columns(nested).forEach(c -> columns.add(component.getName() + "." + c));
            }
        }
        return columns;
    }

    /** The flat lines of one row. */
    static List<List<Object>> lines(Record row) {
        List<List<Object>> lines = new ArrayList<>();
        lines.add(new ArrayList<>());
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            Object value = value(component, row);
            Class<?> nested = nestedRecordType(component);
            if (nested == null) {
                lines.forEach(line -> line.add(value));
                continue;
            }
            List<List<Object>> children = new ArrayList<>();
            for (Object element : (List<?>) value) {
                children.addAll(lines((Record) element));
            }
            if (children.isEmpty()) {
                children.add(new ArrayList<>(Collections.nCopies(columns(nested).size(), null)));
            }
            List<List<Object>> combined = new ArrayList<>();
            for (List<Object> line : lines) {
                for (List<Object> child : children) {
                    List<Object> joined = new ArrayList<>(line);
                    joined.addAll(child);
                    combined.add(joined);
                }
            }
            lines = combined;
        }
        return lines;
    }

    /** The record type of a {@code List<SomeRecord>} component, or null for a plain value. */
    static Class<?> nestedRecordType(RecordComponent component) {
        if (component.getType() != List.class) {
            return null;
        }
        Type type = component.getGenericType();
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }

    static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + row, e);
        }
    }
}
