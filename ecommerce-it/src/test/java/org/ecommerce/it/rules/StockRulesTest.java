package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stock is taken by the sale itself and can never go negative, whoever writes. */
@OnBothEngines
class StockRulesTest {

    /** One statement inserting a line of 2 units at 10.00: parameters order, product, order, product. */
    private static final String A_LINE_OF_2_IN_EACH_ORDER = "INSERT INTO order_line (order_id, product_id, quantity, "
            + "unit_price, subtotal) VALUES (?, ?, 2, 10.00, 20.00), (?, ?, 2, 10.00, 20.00)";

    private final PlainSql sql;
    private final PlainShop shop;

    StockRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void insertingAnOrderLineTakesItsUnitsFromStock() throws Exception {
        // given a product with 5 in stock
        long product = shop.product(5, "10.00");
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));

        // when a line of 3 is inserted with plain SQL
        shop.line(order, product, 3, "10.00");

        // then 2 are left
        assertThat(shop.stockOf(product)).isEqualTo(2);
    }

    @Test
    void sellingTheLastUnitsExactlyLeavesZero() throws Exception {
        long product = shop.product(4, "10.00");
        long buyer = shop.customer();

        shop.line(shop.order(buyer, shop.creditCard(buyer)), product, 4, "10.00");

        assertThat(shop.stockOf(product)).isZero();
    }

    @Test
    void anOrderLineForMoreThanIsInStockIsRefusedAndNothingIsTaken() throws Exception {
        // given 2 in stock
        long product = shop.product(2, "10.00");
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));

        // when a line of 3 is inserted, then it is refused
        sql.assertRefused("out_of_stock",
                "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) VALUES (?, ?, 3, 10.00, 30.00)",
                order, product);

        // and the stock and the order are untouched
        assertThat(shop.stockOf(product)).isEqualTo(2);
        assertThat(sql.longValue("SELECT COUNT(*) FROM order_line WHERE order_id = ?", order)).isZero();
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", order)).isEqualByComparingTo("0");
    }

    @Test
    void oneStatementSellingAProductInTwoOrdersTakesTheUnitsOfBoth() throws Exception {
        // given 5 in stock and two orders
        long product = shop.product(5, "10.00");
        long[] orders = twoOrders();
        long first = orders[0];
        long second = orders[1];

        // when one statement inserts a line of 2 into each
        sql.update(A_LINE_OF_2_IN_EACH_ORDER, first, product, second, product);

        // then both took their units and each order's total is its line
        assertThat(shop.stockOf(product)).isEqualTo(1);
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", first)).isEqualByComparingTo("20.00");
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", second)).isEqualByComparingTo("20.00");
    }

    @Test
    void oneStatementWhoseLinesTogetherNeedMoreThanIsInStockIsRefusedWhole() throws Exception {
        // given 3 in stock and two orders
        long product = shop.product(3, "10.00");
        long[] orders = twoOrders();
        long first = orders[0];
        long second = orders[1];

        // when one statement inserts a line of 2 into each (each alone would fit), then it is refused
        sql.assertRefused("out_of_stock", A_LINE_OF_2_IN_EACH_ORDER, first, product, second, product);

        // and nothing is taken or recorded
        assertThat(shop.stockOf(product)).isEqualTo(3);
        assertThat(sql.longValue("SELECT COUNT(*) FROM order_line WHERE order_id IN (?, ?)", first, second)).isZero();
    }

    /** Two orders of one buyer, without lines. */
    private long[] twoOrders() throws Exception {
        long buyer = shop.customer();
        long card = shop.creditCard(buyer);
        return new long[] {shop.order(buyer, card), shop.order(buyer, card)};
    }

    @Test
    void stockCannotBeSetBelowZeroDirectly() throws Exception {
        long product = shop.product(2, "10.00");

        sql.assertRefused("product_stock_not_negative", "UPDATE product SET stock = -1 WHERE id = ?", product);

        assertThat(shop.stockOf(product)).isEqualTo(2);
    }

    @Test
    void aProductCannotBeCreatedWithNegativeStock() throws Exception {
        long brand = sql.insert("INSERT INTO brand (name) VALUES (?)", PlainShop.unique("Brand "));
        long category = sql.insert("INSERT INTO category (name) VALUES (?)", PlainShop.unique("Category "));

        sql.assertRefused("product_stock_not_negative",
                "INSERT INTO product (name, brand_id, category_id, price, stock) VALUES ('Broken', ?, ?, 1.00, -5)",
                brand, category);
    }

    @Test
    void orderLinesCannotBeChangedOrDeleted() throws Exception {
        // given a sold line
        long product = shop.product(10, "10.00");
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        shop.line(order, product, 1, "10.00");

        // when someone edits or deletes it, then both are refused
        sql.assertRefused("order_line_immutable",
                "UPDATE order_line SET quantity = 5, subtotal = 50.00 WHERE order_id = ?", order);
        sql.assertRefused("order_line_immutable", "DELETE FROM order_line WHERE order_id = ?", order);

        // and stock still reflects exactly one sale
        assertThat(shop.stockOf(product)).isEqualTo(9);
    }

    @Test
    void aLineInsertedAgainWithOnConflictDoNothingTakesNoStock() throws Exception {
        // given 1 of 5 sold
        long product = shop.product(5, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);

        // when the same line is inserted again, skipped on conflict
        int inserted = sql.update("INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, 2, 10.00, 20.00) ON CONFLICT DO NOTHING", order, product);

        // then nothing is recorded and no stock is taken
        assertThat(inserted).isZero();
        assertThat(shop.stockOf(product)).isEqualTo(4);
        assertThat(sql.longValue("SELECT quantity FROM order_line WHERE order_id = ?", order)).isOne();
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", order)).isEqualByComparingTo("10.00");
    }

    @Test
    void aLineAddedBesideASkippedOneTakesOnlyItsOwnStock() throws Exception {
        // given 1 of 5 of one product sold, and 3 of another in stock
        long sold = shop.product(5, "10.00");
        long other = shop.product(3, "10.00");
        long order = shop.purchase(shop.customer(), sold, 1);

        // when both are inserted in one statement, the sold one skipped on conflict
        int inserted = sql.update("INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, 2, 10.00, 20.00), (?, ?, 2, 10.00, 20.00) ON CONFLICT DO NOTHING", order, sold, order, other);

        // then only the new line takes its units
        assertThat(inserted).isOne();
        assertThat(shop.stockOf(sold)).isEqualTo(4);
        assertThat(shop.stockOf(other)).isOne();
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", order)).isEqualByComparingTo("30.00");
    }
}
