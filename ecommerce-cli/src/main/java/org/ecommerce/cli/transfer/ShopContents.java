package org.ecommerce.cli.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.schema.Engine;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** What a migrated database holds, table by table. */
public final class ShopContents {

    private ShopContents() {
    }

    /** The number of rows of each shop table, by table name, in load order. */
    public static Map<String, Long> rowCounts(DataSource dataSource) {
        DSLContext dsl = DSL.using(dataSource, Engine.of(dataSource).dialect(), Ecommerce.settings());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ShopTable table : ShopTable.values()) {
            counts.put(table.sqlName(), (long) dsl.fetchCount(table.table()));
        }
        return counts;
    }

    /**
     * The tables holding data, with their row counts; empty for a database fresh from the
     * migrations (whose seeded interaction types and recommendation setting do not count).
     */
    public static Map<String, Long> tablesWithData(DataSource dataSource) {
        Map<String, Long> counts = rowCounts(dataSource);
        for (ShopTable table : ShopTable.values()) {
            if (isSeeded(table)) {
                counts.remove(table.sqlName());
            }
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    /**
     * Whether the database holds no shop data (as {@link #tablesWithData} is empty), found without
     * counting: one row of any table will do.
     */
    public static boolean isEmpty(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return isEmpty(connection, Engine.of(connection));
        } catch (SQLException e) {
            throw new DataAccessException("cannot tell whether the shop is empty", e);
        }
    }

    /** {@link #isEmpty(DataSource)} over one connection the caller holds, to a database of {@code engine}. */
    static boolean isEmpty(Connection connection, Engine engine) {
        DSLContext dsl = DSL.using(connection, engine.dialect(), Ecommerce.settings());
        // one query: SELECT EXISTS (SELECT 1 FROM customer) OR EXISTS (SELECT 1 FROM brand) OR ...
        Condition anyRow = DSL.or(Arrays.stream(ShopTable.values()).filter(table -> !isSeeded(table))
                .map(table -> DSL.exists(DSL.selectOne().from(table.table()))).toList());
        return !dsl.select(DSL.field(anyRow)).fetchSingle().value1();
    }

    /** The tables that migrating fills: their rows are the schema's, not a shop's. */
    private static boolean isSeeded(ShopTable table) {
        return table == ShopTable.INTERACTION_TYPE_TABLE || table == ShopTable.RECOMMENDATION_SETTING_TABLE;
    }
}
