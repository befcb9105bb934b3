package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.jooq.DefaultSchema;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code ecommerce generate}: a reproducible synthetic shop written through the database's rules. */
@OnBothEngines
class GenerateCommandTest {

    private static final String[] SMALL_SHOP = {"generate", "--customers", "40", "--products", "200", "--orders", "300",
        "--interactions", "3000"};

    private final TestDatabase db;

    GenerateCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theSameSeedGivesTheSameShopWithTheRequestedCountsAndEveryRuleKept() throws Exception {
        // given two empty databases, when the same small shop is generated into both with the same seed
        String first = generatedInto("generated-a", "7");
        String second = generatedInto("generated-b", "7");

        // then both have exactly the requested numbers of rows
        DataSource a = DemoCommandTest.dataSource(first);
        Map<String, Long> counts = ShopContents.rowCounts(a);
        assertThat(counts).containsEntry("customer", 40L).containsEntry("product", 200L)
                .containsEntry("orders", 300L).containsEntry("interaction", 3000L);
        assertThat(counts.get("order_line")).isGreaterThan(counts.get("orders"));
        assertThat(counts.get("return_line")).isPositive();
        assertThat(counts.get("review")).isPositive();
        // and every row of every table is the same (but the moments the triggers stamp)
        Map<String, List<List<Object>>> rowsOfOne = everyRow(a);
        Map<String, List<List<Object>>> rowsOfTwo = everyRow(DemoCommandTest.dataSource(second));
        rowsOfOne.forEach((table, rows) -> assertThat(rowsOfTwo.get(table)).as(table).isEqualTo(rows));

        // and the rules hold: reviews only by buyers, stock never negative, totals equal their lines
        assertThat(count(a, """
                SELECT COUNT(*) FROM review r
                 WHERE NOT EXISTS (SELECT 1 FROM orders o JOIN order_line l ON l.order_id = o.id
                                    WHERE o.customer_id = r.customer_id AND l.product_id = r.product_id
                                      AND o.placed_at < r.reviewed_at)""")).isZero();
        assertThat(count(a, "SELECT COUNT(*) FROM product WHERE stock < 0")).isZero();
        assertThat(count(a, """
                SELECT COUNT(*) FROM orders o
                 WHERE o.total <> (SELECT SUM(l.subtotal) FROM order_line l WHERE l.order_id = o.id)
                    OR o.grand_total <> o.total""")).isZero();
        assertThat(count(a, "SELECT COUNT(*) FROM order_return WHERE status <> 'completed'")).isZero();
        // and no generated customer has a password: none can sign in until one is set
        assertThat(count(a, "SELECT COUNT(*) FROM customer WHERE password_hash IS NOT NULL")).isZero();
        // and the interactions fired the score trigger
        assertThat(count(a, "SELECT COUNT(*) FROM recommendation_score")).isPositive();
        // and every product a customer ordered is a purchase the recommendations know of, so that
        // they never offer it again
        assertThat(count(a, """
                SELECT COUNT(*) FROM orders o JOIN order_line l ON l.order_id = o.id
                 WHERE NOT EXISTS (SELECT 1 FROM recommendation_score s
                                    WHERE s.customer_id = o.customer_id AND s.product_id = l.product_id AND s.purchased)""")).isZero();
    }

    @Test
    void anotherSeedGivesAnotherShop() throws Exception {
        // given two empty databases, when the same sizes are generated into them with two seeds
        String first = generatedInto("seed-a", "1");
        String second = generatedInto("seed-b", "2");

        // then the counts are the same but the orders are not
        DataSource a = DemoCommandTest.dataSource(first);
        DataSource b = DemoCommandTest.dataSource(second);
        assertThat(ShopContents.rowCounts(b)).containsEntry("orders", 300L).containsEntry("interaction", 3000L);
        assertThat(everyRow(b).get("order_line")).isNotEqualTo(everyRow(a).get("order_line"));
        assertThat(everyRow(b).get("interaction")).isNotEqualTo(everyRow(a).get("interaction"));
    }

    @Test
    void aDatabaseHoldingDataIsRefused() {
        // given a database into which a shop was generated
        String url = generatedInto("refused", "1");

        // when another is generated into it
        CliRun again = CliRun.of(withSeed(url, "1"));

        // then it is refused as a database in the wrong state
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("already holds data");
    }

    /** A new empty database with the small shop generated with {@code seed}: its URL. */
    private String generatedInto(String purpose, String seed) {
        String url = db.newEmptyDatabaseUrl(purpose);
        CliRun run = CliRun.of(withSeed(url, seed));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Generated a shop (seed " + seed + ")");
        return url;
    }

    private static String[] withSeed(String url, String seed) {
        List<String> args = new ArrayList<>(Arrays.asList(SMALL_SHOP));
        args.addAll(List.of("--seed", seed, "--jdbc-url", url));
        return args.toArray(String[]::new);
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of every table by primary key, without the updated_at columns the triggers stamp with the clock. */
    private static Map<String, List<List<Object>>> everyRow(DataSource dataSource) {
        DSLContext dsl = DSL.using(dataSource, Engine.of(dataSource).dialect(), Ecommerce.settings());
        Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            List<Field<?>> columns = Arrays.stream(table.fields()).filter(f -> !f.getName().equals("updated_at")).toList();
            rows.put(table.getName(), dsl.select(columns).from(table).orderBy(table.getPrimaryKey().getFields()).fetch()
                    .map(r -> Arrays.asList(r.intoArray())));
        }
        return rows;
    }
}
