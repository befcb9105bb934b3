package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.jooq.DefaultSchema;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application role (granted with {@code MigrationOptions.grantTo}) writes through the library
 * and with plain SQL, and cannot switch off a rule: the triggers, constraints and tables that hold
 * the rules, and the migration history, are out of its reach. Every statement here runs as that
 * role; each refused one leaves the data as it was.
 */
@OnBothEngines
class ApplicationRoleTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;
    private final PlainSql sql;

    ApplicationRoleTest(TestDatabase db) throws SQLException {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
        this.sql = new PlainSql(db);
    }

    @AfterEach
    void close() throws SQLException {
        sql.close();
    }

    /** What the attacks below are after: an order, its lines, and the product's stock. */
    private record State(BigDecimal total, long lines, int stock, long products, long allLines) {
    }

    private record Placed(Order order, Product product) {
    }

    /** An order of 2 of a product of 10, placed through the library. */
    private Placed placed() {
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("94.00", 10);
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), ShopFixtures.unique("role-"),
                new OrderItem(product.id(), 2)));
        return new Placed(order, product);
    }

    private State state(Placed placed) throws SQLException {
        return new State(
                sql.decimal("SELECT total FROM orders WHERE id = ?", placed.order().id()).stripTrailingZeros(),
                sql.longValue("SELECT COUNT(*) FROM order_line WHERE order_id = ?", placed.order().id()),
                (int) sql.longValue("SELECT stock FROM product WHERE id = ?", placed.product().id()),
                sql.longValue("SELECT COUNT(*) FROM product"),
                sql.longValue("SELECT COUNT(*) FROM order_line"));
    }

    /**
     * Asserts that the statement is refused for want of a right: SQLSTATE 42501 on PostgreSQL; on
     * H2 90096 (not enough rights), 90040 (admin rights required), or 90106 (cannot truncate)
     * where the truncate guard stops it.
     */
    private SQLException assertDenied(String statement) {
        SQLException refusal = catchThrowableOfType(SQLException.class, () -> sql.update(statement));
        assertThat((Object) refusal).as("refusal of: " + statement).isNotNull();
        Set<String> denied = db.engine() == Engine.POSTGRESQL ? Set.of("42501") : Set.of("90096", "90040", "90106");
        assertThat(refusal.getSQLState()).as("SQLSTATE of " + refusal.getMessage()).isIn(denied);
        return refusal;
    }

    @Test
    void theLibraryPlacesAnOrderWithDmlRightsOnly() throws Exception {
        // when an order of 2 of a product of 10 is placed through the library, as the application role
        Placed placed = placed();

        // then the stock was taken and the total is the lines'
        assertThat(state(placed)).extracting(State::total, State::lines, State::stock)
                .containsExactly(new BigDecimal("188"), 1L, 8);
        // and the role can read the schema version, as a service checks it at start-up
        assertThat(EcommerceSchema.currentVersion(db.dataSource(), MigrationOptions.defaults()))
                .contains(EcommerceSchema.LATEST_VERSION);
    }

    @Test
    void migratingAndValidatingACurrentSchemaAsTheApplicationRoleChangeNothingAndSucceed() {
        // a service that migrates at start-up keeps working as the application role while the
        // schema is current (a pending migration would need the owner's rights)
        assertThat(EcommerceSchema.migrate(db.dataSource()).migrationsApplied()).isZero();
        EcommerceSchema.validate(db.dataSource());
    }

    @Test
    void disablingOrDroppingTheOrderLineTriggersIsRefusedAndTheStockRuleStillHolds() throws Exception {
        // given an order placed through the library
        Placed placed = placed();
        State before = state(placed);

        // when the application role tries to switch off the triggers of order_line, then each try is refused
        if (db.engine() == Engine.POSTGRESQL) {
            assertDenied("ALTER TABLE order_line DISABLE TRIGGER ALL");
            assertDenied("ALTER TABLE order_line DISABLE TRIGGER order_line_take_stock");
            assertDenied("SET session_replication_role = replica"); // would skip every trigger of the session
            assertDenied("CREATE TRIGGER order_line_free BEFORE INSERT ON order_line "
                    + "FOR EACH ROW EXECUTE FUNCTION order_line_immutable()");
        } else {
            assertDenied("DROP TRIGGER order_line_take_stock");
            assertDenied("DROP TRIGGER order_line_update_totals");
            assertDenied("CREATE TRIGGER order_line_free BEFORE INSERT ON order_line "
                    + "FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderLineImmutable'");
        }

        // and the data is as it was, and a line for more than the stock is still refused by the trigger
        assertThat(state(placed)).isEqualTo(before);
        sql.assertRefused("out_of_stock", "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, 9, 94.00, 846.00)", placed.order().id(), fixtures.product("94.00", 8).id());
    }

    @Test
    void aTemporaryTableNamedAfterTheProductsDoesNotTakeTheirPlaceInTheStockRule() throws Exception {
        // given an order placed through the library, and a product with 8 units
        Placed placed = placed();
        Product scarce = fixtures.product("94.00", 8);

        // when the application role makes an empty temporary table named product for its session
        // (PostgreSQL lets every role make one; H2 refuses a second table of that name)
        boolean made = true;
        try {
            sql.update(db.engine() == Engine.POSTGRESQL ? "CREATE TEMPORARY TABLE product (id BIGINT, stock INTEGER)"
                    : "CREATE LOCAL TEMPORARY TABLE product (id BIGINT, stock INTEGER)");
        } catch (SQLException refused) {
            made = false;
        }
        assertThat(made).as("a temporary table named product").isEqualTo(db.engine() == Engine.POSTGRESQL);

        // then, in that session, a line for more than the stock is still refused by the stock rule
        sql.assertRefused("out_of_stock", "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, 9, 94.00, 846.00)", placed.order().id(), scarce.id());
        // and a line within it takes its units from the shop's product
        sql.update("INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) VALUES (?, ?, 3, 94.00, 282.00)",
                placed.order().id(), scarce.id());
        assertThat(shop.catalog().get(scarce.id()).stock()).isEqualTo(5);
    }

    @Test
    void renamingABuiltInInteractionTypeIsRefusedSoOrdersStillRecordTheirPurchases() throws Exception {
        // when the application role, which may change the types' weights, renames purchase or review
        // then each is refused by the rule that keeps the built-in names
        sql.assertRefused("interaction_type_built_in_names_fixed", "UPDATE interaction_type SET name = 'bought' WHERE name = 'purchase'");
        sql.assertRefused("interaction_type_built_in_names_fixed", "UPDATE interaction_type SET name = 'rated' WHERE id = 5");

        // and an order still records its purchase under that name
        Placed placed = placed();
        assertThat(sql.longValue("SELECT COUNT(*) FROM interaction i JOIN interaction_type t ON t.id = i.type_id "
                + "WHERE t.name = 'purchase' AND i.product_id = ?", placed.product().id())).isEqualTo(1);
    }

    @Test
    void droppingACheckConstraintIsRefusedAndTheCheckStillHolds() throws Exception {
        Placed placed = placed();
        State before = state(placed);

        assertDenied("ALTER TABLE product DROP CONSTRAINT product_stock_not_negative");

        assertThat(state(placed)).isEqualTo(before);
        sql.assertRefused("product_stock_not_negative", "UPDATE product SET stock = -5 WHERE id = ?", placed.product().id());
        assertThat(state(placed)).isEqualTo(before);
    }

    @Test
    void truncatingTheProductsOrTheOrderLinesIsRefused() throws Exception {
        Placed placed = placed();
        State before = state(placed);

        assertDenied("TRUNCATE TABLE product");
        assertDenied("TRUNCATE TABLE order_line");
        if (db.engine() == Engine.H2) {
            // the foreign keys that make H2 refuse TRUNCATE cannot be switched off either
            assertDenied("ALTER TABLE product SET REFERENTIAL_INTEGRITY FALSE");
            assertDenied("ALTER TABLE ecommerce_truncate_guard DROP CONSTRAINT truncate_guard_order_line_fk");
            assertDenied("DROP TABLE ecommerce_truncate_guard");
        }

        assertThat(state(placed)).isEqualTo(before);
    }

    @Test
    void noTableOfTheLibraryCanBeTruncated() throws Exception {
        // given a row in each of the tables an order touches
        Placed placed = placed();
        State before = state(placed);
        List<String> tables = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            tables.add(table.getName());
        }
        tables.add(MigrationOptions.DEFAULT_HISTORY_TABLE);

        // when the application role truncates each of the library's tables, then each is refused
        for (String table : tables) {
            assertDenied("TRUNCATE TABLE " + table);
        }
        assertThat(state(placed)).isEqualTo(before);
    }

    @Test
    void droppingATableIsRefused() throws Exception {
        Placed placed = placed();
        State before = state(placed);

        assertDenied("DROP TABLE order_line");
        assertDenied("DROP TABLE product CASCADE");

        assertThat(state(placed)).isEqualTo(before);
    }

    @Test
    void alteringAColumnIsRefused() throws Exception {
        Placed placed = placed();
        State before = state(placed);

        assertDenied("ALTER TABLE product ALTER COLUMN stock SET DATA TYPE BIGINT");
        assertDenied("ALTER TABLE orders ALTER COLUMN total SET DEFAULT 188");
        assertDenied("ALTER TABLE customer ADD COLUMN card_number VARCHAR(19)");

        assertThat(state(placed)).isEqualTo(before);
    }

    @Test
    void theMigrationHistoryCanBeReadButNotWritten() throws Exception {
        long rows = sql.longValue("SELECT COUNT(*) FROM ecommerce_schema_history");

        assertDenied("UPDATE ecommerce_schema_history SET \"checksum\" = 0");
        assertDenied("DELETE FROM ecommerce_schema_history");
        assertDenied("INSERT INTO ecommerce_schema_history (\"installed_rank\", \"version\", \"description\", \"type\", "
                + "\"script\", \"installed_by\", \"execution_time\", \"success\") "
                + "VALUES (1000, '1000', 'forged', 'SQL', 'V1000__forged.sql', 'app', 0, TRUE)");

        assertThat(sql.longValue("SELECT COUNT(*) FROM ecommerce_schema_history")).isEqualTo(rows);
    }

    @Test
    void creatingATableInTheLibrarysSchemaIsRefused() throws Exception {
        assertDenied("CREATE TABLE order_line_copy (order_id BIGINT, product_id BIGINT)");
        assertDenied("CREATE TABLE public.orders_shadow (id BIGINT)");

        assertThat(sql.longValue("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_name IN ('order_line_copy', 'orders_shadow')")).isZero();
    }
}
