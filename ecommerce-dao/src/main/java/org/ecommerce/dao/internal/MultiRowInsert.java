package org.ecommerce.dao.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * New rows written a thousand per INSERT and read back with {@code RETURNING}, in the order given:
 * the bulk calls of the repositories. Each row is built as the one-row call builds it; every rule
 * is the database's.
 */
public final class MultiRowInsert {

    /** Rows per INSERT: 12 000 parameters for a thousand customers, well under PostgreSQL's 65 535. */
    private static final int ROWS_PER_INSERT = 1_000;

    private MultiRowInsert() {
    }

    /**
     * Inserts {@code rows} into {@code table} and maps what each INSERT returns, sorted by
     * {@code id}: the ids come from the table's identity, whose values one session draws in
     * ascending order, and one statement draws them in the order of its VALUES, so the result is
     * in the order of {@code rows}. For tables whose id the database assigns, never the rows.
     */
    public static <R extends TableRecord<R>, T> List<T> insert(DSLContext dsl, Table<R> table, TableField<R, Long> id,
            List<R> rows, RecordMapper<R, T> mapper) {
        List<T> inserted = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            InsertSetMoreStep<R> insert = null;
            for (R row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
                insert = (insert == null ? dsl.insertInto(table) : insert.newRecord()).set(row);
            }
            insert.returning().fetch().sortAsc(id).forEach(row -> inserted.add(mapper.map(row)));
        }
        return inserted;
    }
}
