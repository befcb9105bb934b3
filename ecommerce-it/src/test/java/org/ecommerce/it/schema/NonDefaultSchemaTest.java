package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.it.support.Catalog;
import org.ecommerce.it.support.LibraryTriggers;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.MigrationResult;
import org.junit.jupiter.api.Test;

/**
 * The library installed in a schema of its own ({@code shop}) beside a service that has a
 * {@code customer} table of its own in {@code public}; the rules hold for plain SQL written from
 * a session whose current schema is {@code public}.
 */
@OnBothEngines
class NonDefaultSchemaTest {

    private static final MigrationOptions SHOP = MigrationOptions.defaults().schema("shop");

    private final TestDatabase db;

    NonDefaultSchemaTest(TestDatabase db) {
        this.db = db;
    }

    /** A database whose {@code public} schema holds a service's {@code customer} table with one row. */
    private DataSource withTheServicesCustomerTable(String purpose) throws Exception {
        DataSource database = db.newEmptyDatabase(purpose);
        try (PlainSql sql = new PlainSql(database)) {
            sql.update("CREATE TABLE customer (id BIGINT NOT NULL PRIMARY KEY, nickname VARCHAR(100) NOT NULL)");
            sql.update("INSERT INTO customer (id, nickname) VALUES (1, 'the service''s own')");
        }
        return database;
    }

    /** A database with the service's customer table in public and the library in shop. */
    private DataSource libraryInShop(String purpose) throws Exception {
        DataSource database = withTheServicesCustomerTable(purpose);
        assertThat(EcommerceSchema.migrate(database, SHOP).migrationsApplied()).isEqualTo(Catalog.shippedVersions(db.engine()).size());
        return database;
    }

    @Test
    void everyTableTriggerAndFunctionOfTheLibraryGoesIntoTheChosenSchema() throws Exception {
        // given a database where a service has its own customer table in public
        DataSource database = withTheServicesCustomerTable("everything");

        // when the library is migrated into schema shop
        MigrationResult result = EcommerceSchema.migrate(database, SHOP);

        // then shop holds exactly the tables of a default install, and its history table
        assertThat(result.schemaVersion()).isEqualTo(EcommerceSchema.LATEST_VERSION);
        Set<String> defaultInstall = Catalog.tables(db.dataSource(), "public");
        assertThat(Catalog.tables(database, "shop")).isEqualTo(defaultInstall);
        assertThat(defaultInstall).contains("customer", "product", "order_line", "ecommerce_schema_history");
        // and all the library's triggers; public keeps nothing but the service's table
        assertThat(Catalog.triggers(database, "shop")).isEqualTo(Catalog.triggers(db.ownerDataSource(), "public"))
                .hasSize(LibraryTriggers.on(db.engine()).size());
        assertThat(Catalog.tables(database, "public")).containsExactly("customer");
        assertThat(Catalog.triggers(database, "public")).isEmpty();
        if (db.engine() == Engine.POSTGRESQL) {
            // and the functions those triggers run, the two of the interactions' maintenance and the bulk
            // loader with the function that says whether it may be used, each bound
            // to shop, then to the session's temporary tables, which come last; in a default install the
            // same, with public
            Map<String, String> inShop = ruleFunctions(database, "shop");
            Set<String> expected = new TreeSet<>(functionsOfTriggers(database, "shop"));
            expected.addAll(Set.of("interaction_maintenance", "interaction_month_partition",
                    "interaction_load", "interaction_load_usable"));
            assertThat(inShop.keySet()).isEqualTo(expected);
            assertThat(inShop).allSatisfy((name, config) -> assertThat(config).isEqualTo("search_path=shop, pg_temp"));
            assertThat(ruleFunctions(database, "public")).isEmpty();
            Map<String, String> inPublic = ruleFunctions(db.ownerDataSource(), "public");
            assertThat(inPublic.keySet()).isEqualTo(inShop.keySet());
            assertThat(inPublic).allSatisfy((name, config) -> assertThat(config).isEqualTo("search_path=public, pg_temp"));
        }
        // and the version is read from shop's history table; the default schema has none
        assertThat(EcommerceSchema.currentVersion(database, SHOP)).contains(EcommerceSchema.LATEST_VERSION);
        assertThat(EcommerceSchema.currentVersion(database, MigrationOptions.defaults())).isEmpty();
        assertThatNoException().isThrownBy(() -> EcommerceSchema.validate(database, SHOP));
        assertThat(EcommerceSchema.migrate(database, SHOP).migrationsApplied()).isZero();
        // and the service's row is untouched
        try (PlainSql sql = new PlainSql(database)) {
            assertThat(sql.value("SELECT nickname FROM customer WHERE id = 1")).isEqualTo("the service's own");
        }
    }

    @Test
    void anOverSaleWrittenFromAnotherSchemaIsRefusedByTheStockRule() throws Exception {
        // given the library in shop, and plain SQL on a connection whose current schema is public
        DataSource database = libraryInShop("oversale");
        try (PlainSql sql = new PlainSql(database)) {
            PlainShop shop = new PlainShop(sql).inSchema("shop");
            assertThat(sql.value("SELECT CURRENT_SCHEMA")).isEqualTo("public");
            long product = shop.product(1, "10.00");
            long buyer = shop.customer();
            long order = shop.order(buyer, shop.creditCard(buyer));

            // when it inserts an order line of 2 for a product with 1 in stock, then it is refused
            sql.assertRefused("out_of_stock",
                    "INSERT INTO shop.order_line (order_id, product_id, quantity, unit_price, subtotal) "
                            + "VALUES (?, ?, 2, 10.00, 20.00)", order, product);

            // and the stock and the order are untouched
            assertThat(shop.stockOf(product)).isEqualTo(1);
            assertThat(sql.decimal("SELECT total FROM shop.orders WHERE id = ?", order)).isEqualByComparingTo("0");
        }
    }

    @Test
    void aSaleWrittenFromAnotherSchemaTakesTheStockAndKeepsEveryRule() throws Exception {
        // given the library in shop, and plain SQL on a connection whose current schema is public
        DataSource database = libraryInShop("sale");
        try (PlainSql sql = new PlainSql(database)) {
            PlainShop shop = new PlainShop(sql).inSchema("shop");
            long product = shop.product(5, "10.00");
            long buyer = shop.customer();
            long order = shop.order(buyer, shop.creditCard(buyer));

            // when it sells 2, records an interaction and writes the buyer's review
            shop.line(order, product, 2, "10.00");
            sql.update("INSERT INTO shop.interaction (customer_id, product_id, type_id) VALUES (?, ?, 4)", buyer, product);
            sql.update("INSERT INTO shop.review (customer_id, product_id, rating) VALUES (?, ?, 5)", buyer, product);

            // then the stock is taken and the order's total follows its line, in shop
            assertThat(shop.stockOf(product)).isEqualTo(3);
            assertThat(sql.decimal("SELECT total FROM shop.orders WHERE id = ?", order)).isEqualByComparingTo("20.00");
            // and the interaction is scored in shop
            assertThat(sql.longValue("SELECT COUNT(*) FROM shop.recommendation_score WHERE customer_id = ? AND product_id = ?",
                    buyer, product)).isEqualTo(1);
            // and the service's customer table is untouched
            assertThat(sql.longValue("SELECT COUNT(*) FROM public.customer")).isEqualTo(1);
        }
    }

    @Test
    void interactionsRecordedInBulkInAChosenSchemaGoIntoItsTablesWithTheirScores() throws Exception {
        // given the library in shop, a customer and a product there, and plain SQL whose current schema is public
        DataSource database = libraryInShop("bulk");
        Ecommerce shop = Ecommerce.builder(database).schema("shop").build();
        long buyer;
        long product;
        try (PlainSql sql = new PlainSql(database)) {
            PlainShop plain = new PlainShop(sql).inSchema("shop");
            product = plain.product(5, "10.00");
            buyer = plain.customer();
        }
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        // when interactions are recorded in bulk (on PostgreSQL through shop's own loader)
        long recorded = shop.interactions().recordAll(List.of(new InteractionEvent(buyer, product, "view", at),
                new InteractionEvent(buyer, product, "purchase", at.plusSeconds(60))).iterator());

        // then they and their score are in shop, and public's customer table is untouched
        assertThat(recorded).isEqualTo(2);
        try (PlainSql sql = new PlainSql(database)) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM shop.interaction WHERE customer_id = ?", buyer)).isEqualTo(2);
            assertThat(sql.longValue("SELECT COUNT(*) FROM shop.recommendation_score WHERE customer_id = ? AND purchased",
                    buyer)).isEqualTo(1);
            assertThat(sql.longValue("SELECT COUNT(*) FROM public.customer")).isEqualTo(1);
        }
    }

    /** PostgreSQL: the functions that the triggers (not the foreign keys' own) of {@code schema}'s tables run. */
    private static Set<String> functionsOfTriggers(DataSource database, String schema) throws Exception {
        Set<String> functions = new TreeSet<>();
        try (Connection c = database.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT p.proname AS function_name FROM pg_trigger t "
                     + "JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                     + "JOIN pg_proc p ON p.oid = t.tgfoid WHERE n.nspname = ? AND NOT t.tgisinternal")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    functions.add(rs.getString("function_name"));
                }
            }
        }
        return functions;
    }

    /**
     * PostgreSQL: the library's PL/pgSQL functions in {@code schema} that read tables, with their
     * settings (null for none): all but contains_card_number, which reads none.
     */
    private static Map<String, String> ruleFunctions(DataSource database, String schema) throws Exception {
        Map<String, String> functions = new TreeMap<>();
        try (Connection c = database.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT p.proname AS function_name, array_to_string(p.proconfig, ',') AS settings "
                     + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                     + "JOIN pg_language l ON l.oid = p.prolang WHERE n.nspname = ? AND l.lanname = 'plpgsql' "
                     + "AND p.proname <> 'contains_card_number'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    functions.put(rs.getString("function_name"), rs.getString("settings"));
                }
            }
        }
        return functions;
    }
}
