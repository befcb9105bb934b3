package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An order's total is the sum of its lines and its grand total is total minus deduction. */
@OnBothEngines
class OrderTotalRulesTest {

    private final TestDatabase db;
    private final PlainSql sql;
    private final PlainShop shop;

    OrderTotalRulesTest(TestDatabase db) throws Exception {
        this.db = db;
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void noPriceAmountOrWeightIsNotANumber() throws Exception {
        // given a product, a gift card and an order with a line
        long buyer = shop.customer();
        long product = shop.product(10, "10.00");
        long giftCard = shop.giftCard(buyer, "50.00");
        long order = shop.purchase(buyer, product, 1);

        // when each is given NaN, which PostgreSQL's NUMERIC holds and sorts above every number
        // (H2's holds none and refuses the conversion), then each write is refused
        for (String[] write : new String[][] {
                {"product_price_not_negative", "UPDATE product SET price = CAST('NaN' AS NUMERIC) WHERE id = ?"},
                {"gift_card_initial_amount_positive",
                        "UPDATE gift_card SET initial_amount = CAST('NaN' AS NUMERIC) WHERE payment_method_id = ?"},
                {"orders_deduction_not_negative", "UPDATE orders SET deduction = CAST('NaN' AS NUMERIC),"
                        + " grand_total = CAST('NaN' AS NUMERIC) WHERE id = ?"},
                {"interaction_type_weight_not_negative",
                        "UPDATE interaction_type SET weight = CAST('NaN' AS NUMERIC) WHERE id = ?"}}) {
            long id = write[0].startsWith("product") ? product : write[0].startsWith("gift") ? giftCard
                    : write[0].startsWith("orders") ? order : 1;
            SQLException refused = catchThrowableOfType(SQLException.class, () -> sql.update(write[1], id));
            assertThat((Object) refused).as(write[1]).isNotNull();
            if (db.engine() == Engine.POSTGRESQL) {
                assertThat(refused.getMessage()).as(write[1]).contains(write[0]);
            }
        }

        // and every amount is still the number it was
        assertThat(sql.decimal("SELECT price FROM product WHERE id = ?", product)).isEqualByComparingTo("10.00");
        assertThat(sql.decimal("SELECT initial_amount FROM gift_card WHERE payment_method_id = ?", giftCard))
                .isEqualByComparingTo("50.00");
        assertThat(sql.decimal("SELECT grand_total FROM orders WHERE id = ?", order)).isEqualByComparingTo("10.00");
        assertThat(sql.decimal("SELECT weight FROM interaction_type WHERE id = 1")).isEqualByComparingTo("1.000");
    }

    @Test
    void theTotalFollowsTheLinesAsTheyAreInserted() throws Exception {
        // given an order
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));

        // when two lines are inserted, one of them in a multi-row statement with a third
        shop.line(order, shop.product(10, "10.00"), 2, "10.00");
        sql.update("INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                        + "VALUES (?, ?, 1, 5.50, 5.50), (?, ?, 3, 1.25, 3.75)",
                order, shop.product(10, "5.50"), order, shop.product(10, "1.25"));

        // then total and grand total are the sum of the lines
        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", order)).isEqualByComparingTo("29.25");
        assertThat(sql.decimal("SELECT grand_total FROM orders WHERE id = ?", order)).isEqualByComparingTo("29.25");
    }

    @Test
    void aDeductionLowersTheGrandTotalOnlyWhenBothAreSetConsistently() throws Exception {
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        shop.line(order, shop.product(10, "20.00"), 2, "20.00");

        // a deduction without its grand total is refused
        sql.assertRefused("orders_grand_total_is_total_minus_deduction",
                "UPDATE orders SET deduction = 5.00 WHERE id = ?", order);
        // a consistent pair is accepted
        assertThat(sql.update("UPDATE orders SET deduction = 5.00, grand_total = 35.00 WHERE id = ?", order)).isOne();
        assertThat(sql.decimal("SELECT grand_total FROM orders WHERE id = ?", order)).isEqualByComparingTo("35.00");
    }

    @Test
    void aNewOrderCannotClaimATotalItHasNoLinesFor() throws Exception {
        long buyer = shop.customer();
        long card = shop.creditCard(buyer);

        sql.assertRefused("orders_total_matches_lines",
                "INSERT INTO orders (customer_id, payment_method_id, total, grand_total) VALUES (?, ?, 10.00, 10.00)",
                buyer, card);
    }

    @Test
    void theTotalCannotBeChangedAwayFromTheSumOfTheLines() throws Exception {
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        shop.line(order, shop.product(10, "10.00"), 1, "10.00");

        sql.assertRefused("orders_total_matches_lines",
                "UPDATE orders SET total = 1.00, grand_total = 1.00 WHERE id = ?", order);

        assertThat(sql.decimal("SELECT total FROM orders WHERE id = ?", order)).isEqualByComparingTo("10.00");
    }

    @Test
    void aLineSubtotalMustBeQuantityTimesUnitPrice() throws Exception {
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        long product = shop.product(10, "10.00");

        sql.assertRefused("order_line_subtotal_is_quantity_times_price",
                "INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) VALUES (?, ?, 2, 10.00, 5.00)",
                order, product);
        assertThat(shop.stockOf(product)).isEqualTo(10);
    }

    @Test
    void anOrderCannotBePaidWithAnotherCustomersPaymentMethod() throws Exception {
        long alice = shop.customer();
        long bob = shop.customer();
        long bobsCard = shop.creditCard(bob);

        sql.assertRefused("orders_payment_method_fk",
                "INSERT INTO orders (customer_id, payment_method_id) VALUES (?, ?)", alice, bobsCard);
    }

    @Test
    void theSameIdempotencyKeyCannotBeUsedTwiceByOneCustomer() throws Exception {
        long buyer = shop.customer();
        long card = shop.creditCard(buyer);
        sql.update("INSERT INTO orders (customer_id, payment_method_id, idempotency_key) VALUES (?, ?, 'k-1')", buyer, card);

        sql.assertRefused("orders_idempotency_key_unique",
                "INSERT INTO orders (customer_id, payment_method_id, idempotency_key) VALUES (?, ?, 'k-1')", buyer, card);
    }
}
