package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only a customer with an order containing the product may review it. */
@OnBothEngines
class ReviewRulesTest {

    private static final String REVIEW =
            "INSERT INTO review (customer_id, product_id, rating, body) VALUES (?, ?, ?, 'Great')";

    private final PlainSql sql;
    private final PlainShop shop;

    ReviewRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void aBuyerMayReviewWhatTheyBoughtMoreThanOnce() throws Exception {
        long product = shop.product(10, "10.00");
        long buyer = shop.customer();
        shop.purchase(buyer, product, 1);

        assertThat(sql.update(REVIEW, buyer, product, 5)).isOne();
        assertThat(sql.update(REVIEW, buyer, product, 4)).isOne();
    }

    @Test
    void aCustomerWhoNeverBoughtTheProductIsRefused() throws Exception {
        long product = shop.product(10, "10.00");
        long buyerOfSomethingElse = shop.customer();
        shop.purchase(buyerOfSomethingElse, shop.product(10, "10.00"), 1);

        sql.assertRefused("review_requires_purchase", REVIEW, buyerOfSomethingElse, product, 5);

        assertThat(sql.longValue("SELECT COUNT(*) FROM review WHERE product_id = ?", product)).isZero();
    }

    @Test
    void aReviewCannotBeMovedToAProductTheReviewerDidNotBuy() throws Exception {
        long bought = shop.product(10, "10.00");
        long notBought = shop.product(10, "10.00");
        long buyer = shop.customer();
        shop.purchase(buyer, bought, 1);
        long review = sql.insert(REVIEW, buyer, bought, 3);

        sql.assertRefused("review_requires_purchase", "UPDATE review SET product_id = ? WHERE id = ?", notBought, review);
    }

    @Test
    void aRatingOutsideOneToFiveIsRefused() throws Exception {
        long product = shop.product(10, "10.00");
        long buyer = shop.customer();
        shop.purchase(buyer, product, 1);

        sql.assertRefused("review_rating_range", REVIEW, buyer, product, 0);
        sql.assertRefused("review_rating_range", REVIEW, buyer, product, 6);
    }

    @Test
    void anOrderWithLinesKeepsItsIdSoItsLinesNeverPassToAnotherOrdersBuyer() throws Exception {
        // given a buyer's order with a line
        long buyer = shop.customer();
        long order = shop.purchase(buyer, shop.product(5, "10.00"), 1);

        // when the order is renumbered (one step of swapping two orders' ids in one statement,
        // which PostgreSQL's foreign keys, checked at the statement's end, would let pass)
        sql.assertRefused("orders_customer_fixed", "UPDATE orders SET id = ? WHERE id = ?", order + 1_000_000, order);

        // then its line is still on it
        assertThat(sql.longValue("SELECT COUNT(*) FROM order_line WHERE order_id = ?", order)).isOne();
    }

    @Test
    void theBuyerOfAnOrderWithLinesCannotBeChangedUnderItsReview() throws Exception {
        // given a buyer who reviewed what they bought, and a stranger with a card of their own
        long buyer = shop.customer();
        long product = shop.product(5, "10.00");
        long order = shop.purchase(buyer, product, 1);
        sql.update(REVIEW, buyer, product, 5);
        long stranger = shop.customer();
        long strangersCard = shop.creditCard(stranger);

        // when the order is handed to the stranger
        sql.assertRefused("orders_customer_fixed",
                "UPDATE orders SET customer_id = ?, payment_method_id = ? WHERE id = ?", stranger, strangersCard, order);

        // then it is still the buyer's
        assertThat(sql.longValue("SELECT customer_id FROM orders WHERE id = ?", order)).isEqualTo(buyer);
        assertThat(sql.longValue("SELECT COUNT(*) FROM orders WHERE customer_id = ?", stranger)).isZero();
    }

    @Test
    void anOrderWithoutLinesMayStillChangeItsCustomer() throws Exception {
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));
        long other = shop.customer();
        long othersCard = shop.creditCard(other);

        assertThat(sql.update("UPDATE orders SET customer_id = ?, payment_method_id = ? WHERE id = ?", other, othersCard, order))
                .isOne();
    }
}
