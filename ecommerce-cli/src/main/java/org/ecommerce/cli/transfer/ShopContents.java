package org.ecommerce.cli.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
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
        counts.remove(ShopTable.INTERACTION_TYPE_TABLE.sqlName());
        counts.remove(ShopTable.RECOMMENDATION_SETTING_TABLE.sqlName());
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
