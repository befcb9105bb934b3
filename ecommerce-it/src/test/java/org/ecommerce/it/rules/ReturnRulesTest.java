package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Returns: never more than was bought minus what is already returned; statuses and their effects. */
@OnBothEngines
class ReturnRulesTest {

    private static final String RETURN_LINE =
            "INSERT INTO return_line (return_id, order_id, product_id, quantity) VALUES (?, ?, ?, ?)";
    private static final String CLOSE = "UPDATE order_return SET status = ?, closed_at = CURRENT_TIMESTAMP WHERE id = ?";

    private final TestDatabase db;
    private final PlainSql sql;
    private final PlainShop shop;

    ReturnRulesTest(TestDatabase db) throws Exception {
        this.db = db;
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void partOfAPurchaseCanBeReturnedAcrossSeveralReturnsUpToWhatWasBought() throws Exception {
        // given an order of 3 units
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);

        // when 2 and then 1 are returned, both are accepted
        shop.returnLine(shop.orderReturn(order), order, product, 2);
        shop.returnLine(shop.orderReturn(order), order, product, 1);

        // then a fourth unit is refused
        sql.assertRefused("return_exceeds_purchase", RETURN_LINE, shop.orderReturn(order), order, product, 1);
    }

    @Test
    void aSingleReturnOfMoreThanWasBoughtIsRefused() throws Exception {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);

        sql.assertRefused("return_exceeds_purchase", RETURN_LINE, shop.orderReturn(order), order, product, 3);
    }

    @Test
    void raisingTheQuantityOfAReturnLineAboveWhatWasBoughtIsRefused() throws Exception {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 2);

        sql.assertRefused("return_exceeds_purchase",
                "UPDATE return_line SET quantity = 3 WHERE return_id = ?", orderReturn);
        // lowering it is fine
        assertThat(sql.update("UPDATE return_line SET quantity = 1 WHERE return_id = ?", orderReturn)).isOne();
    }

    @Test
    void deniedAndCancelledReturnsDoNotCountAgainstThePurchase() throws Exception {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long denied = shop.orderReturn(order);
        shop.returnLine(denied, order, product, 2);
        sql.update(CLOSE, "denied", denied);

        long again = shop.orderReturn(order);
        shop.returnLine(again, order, product, 2);

        assertThat(sql.longValue("SELECT COUNT(*) FROM return_line WHERE order_id = ?", order)).isEqualTo(2);
    }

    @Test
    void aCompletedReturnKeepsItsIdSoItsLinesAreNeverCompletedAndRestockedAgain() throws Exception {
        // given a completed return of 1 unit, restocked
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long completed = shop.orderReturn(order);
        shop.returnLine(completed, order, product, 1);
        sql.update(CLOSE, "completed", completed);

        // when it is renumbered (one step of swapping it with a pending return's id in one statement)
        sql.assertRefused("order_return_closed_kept", "UPDATE order_return SET id = ? WHERE id = ?", completed + 1_000_000,
                completed);

        // then it is still the completed return of its line, and the unit was put back once
        assertThat(sql.value("SELECT status FROM order_return WHERE id = ?", completed)).isEqualTo("completed");
        assertThat(shop.stockOf(product)).isEqualTo(9);
    }

    @Test
    void aReturnLineNeverReturnsMoreThanTheOrderLineWrittenWithItBought() throws Exception {
        // given an order without lines yet, and a pending return of it
        long customer = shop.customer();
        long product = shop.product(10, "10.00");
        long order = shop.order(customer, shop.creditCard(customer));
        long orderReturn = shop.orderReturn(order);

        // when a line of 1 unit and a return of 1000 are written together: on PostgreSQL by one
        // statement (whose return-line trigger cannot see the line its WITH writes), on H2, which
        // has no writing WITH, by two in one transaction
        if (db.engine() == Engine.POSTGRESQL) {
            sql.assertRefused("return_line_order_line_fk", "WITH sold AS (INSERT INTO order_line (order_id, product_id, quantity,"
                    + " unit_price, subtotal) VALUES (?, ?, 1, 10.00, 10.00)) INSERT INTO return_line (return_id, order_id,"
                    + " product_id, quantity) VALUES (?, ?, ?, 1000)", order, product, orderReturn, order, product);
        } else {
            sql.connection().setAutoCommit(false);
            shop.line(order, product, 1, "10.00");
            sql.assertRefused("return_exceeds_purchase", RETURN_LINE, orderReturn, order, product, 1000);
            sql.connection().rollback();
            sql.connection().setAutoCommit(true);
        }

        // then no unit is returned, and completing the return puts none back
        sql.update(CLOSE, "completed", orderReturn);
        assertThat(sql.longValue("SELECT COUNT(*) FROM return_line WHERE return_id = ?", orderReturn)).isZero();
        assertThat(shop.stockOf(product)).isEqualTo(10);
    }

    @Test
    void aProductThatIsNotInTheOrderCannotBeReturned() throws Exception {
        long order = shop.purchase(shop.customer(), shop.product(10, "10.00"), 1);
        long other = shop.product(10, "10.00");

        sql.assertRefused("return_line_order_line_fk", RETURN_LINE, shop.orderReturn(order), order, other, 1);
    }

    @Test
    void completingAReturnPutsItsUnitsBackInStock() throws Exception {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 2);
        assertThat(shop.stockOf(product)).isEqualTo(7);

        sql.update(CLOSE, "completed", orderReturn);

        assertThat(shop.stockOf(product)).isEqualTo(9);
    }

    @Test
    void completingSeveralReturnsInOneStatementPutsBackEachReturnsUnitsOnce() throws Exception {
        // given two orders of two products, each with a pending return, and a third return denied in the same statement
        long first = shop.product(10, "10.00");
        long second = shop.product(10, "10.00");
        long customer = shop.customer();
        long one = shop.purchase(customer, first, 3);
        long other = shop.purchase(customer, first, 2);
        long third = shop.purchase(customer, second, 4);
        long oneReturn = shop.orderReturn(one);
        shop.returnLine(oneReturn, one, first, 2);
        long otherReturn = shop.orderReturn(other);
        shop.returnLine(otherReturn, other, first, 1);
        long deniedReturn = shop.orderReturn(third);
        shop.returnLine(deniedReturn, third, second, 4);
        assertThat(shop.stockOf(first)).isEqualTo(5);

        // when one statement completes the first two and denies the third
        sql.update("UPDATE order_return SET status = CASE WHEN id = ? THEN 'denied' ELSE 'completed' END,"
                + " closed_at = CURRENT_TIMESTAMP WHERE id IN (?, ?, ?)", deniedReturn, oneReturn, otherReturn, deniedReturn);

        // then the completed returns' units are back, once each, and the denied return's are not
        assertThat(shop.stockOf(first)).isEqualTo(8);
        assertThat(shop.stockOf(second)).isEqualTo(6);
    }

    @Test
    void oneStatementMayDeleteSeveralPendingReturnLinesOfOneOrder() throws Exception {
        // given an order of 3 units with two pending returns of one unit each
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);
        shop.returnLine(shop.orderReturn(order), order, product, 1);
        shop.returnLine(shop.orderReturn(order), order, product, 1);

        // when one statement deletes both lines
        int deleted = sql.update("DELETE FROM return_line WHERE order_id = ?", order);

        // then both are gone, and all 3 units may be returned again
        assertThat(deleted).isEqualTo(2);
        shop.returnLine(shop.orderReturn(order), order, product, 3);
    }

    @Test
    void oneStatementRaisingSeveralReturnLinesOfOneOrderPastWhatWasBoughtIsRefused() throws Exception {
        // given an order of 3 units with two pending returns of one unit each
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);
        shop.returnLine(shop.orderReturn(order), order, product, 1);
        shop.returnLine(shop.orderReturn(order), order, product, 1);

        // when one statement raises both to 2, 4 units of the 3 bought
        sql.assertRefused("return_exceeds_purchase", "UPDATE return_line SET quantity = 2 WHERE order_id = ?", order);

        // then both lines keep their one unit
        assertThat(sql.longValue("SELECT SUM(quantity) FROM return_line WHERE order_id = ?", order)).isEqualTo(2);
    }

    @Test
    void oneStatementMayCloseSeveralReturnsOfOneOrder() throws Exception {
        // given an order of 3 units, 7 left in stock, with two pending returns of one unit each
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);
        shop.returnLine(shop.orderReturn(order), order, product, 1);
        shop.returnLine(shop.orderReturn(order), order, product, 1);

        // when one statement completes both
        int closed = sql.update("UPDATE order_return SET status = 'completed', closed_at = CURRENT_TIMESTAMP"
                + " WHERE order_id = ?", order);

        // then both units are back in stock, and only the third unit may still be returned
        assertThat(closed).isEqualTo(2);
        assertThat(shop.stockOf(product)).isEqualTo(9);
        sql.assertRefused("return_exceeds_purchase", RETURN_LINE, shop.orderReturn(order), order, product, 2);
        shop.returnLine(shop.orderReturn(order), order, product, 1);
    }

    @Test
    void aClosedReturnIsFinalAndItsLinesAreFrozen() throws Exception {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 3);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);
        sql.update(CLOSE, "completed", orderReturn);

        sql.assertRefused("order_return_status_transition",
                "UPDATE order_return SET status = 'pending', closed_at = NULL WHERE id = ?", orderReturn);
        sql.assertRefused("return_line_return_pending",
                "UPDATE return_line SET quantity = 2 WHERE return_id = ?", orderReturn);
        sql.assertRefused("return_line_return_pending", "DELETE FROM return_line WHERE return_id = ?", orderReturn);
        assertThat(shop.stockOf(product)).isEqualTo(8);
    }

    @Test
    void aReturnStatusOutsideTheSetIsRefused() throws Exception {
        long order = shop.purchase(shop.customer(), shop.product(10, "10.00"), 1);
        long orderReturn = shop.orderReturn(order);

        sql.assertRefused("order_return_status_known", CLOSE, "lost", orderReturn);
    }

    @Test
    void aCompletedReturnIsNeverDeletedSoItsUnitsAreNotReturnedTwice() throws Exception {
        // given 1 of 5 sold and returned: back in stock
        long product = shop.product(5, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);
        long completed = shop.orderReturn(order);
        shop.returnLine(completed, order, product, 1);
        sql.update(CLOSE, "completed", completed);

        // when the completed return is deleted
        sql.assertRefused("order_return_closed_kept", "DELETE FROM order_return WHERE id = ?", completed);

        // then it and its line remain, the unit cannot be returned again and stock stays at 5
        assertThat(sql.value("SELECT status FROM order_return WHERE id = ?", completed)).isEqualTo("completed");
        assertThat(sql.longValue("SELECT quantity FROM return_line WHERE return_id = ?", completed)).isOne();
        sql.assertRefused("return_exceeds_purchase", RETURN_LINE, shop.orderReturn(order), order, product, 1);
        assertThat(shop.stockOf(product)).isEqualTo(5);
    }

    @Test
    void aPendingReturnMayStillBeDeletedWithItsLines() throws Exception {
        long product = shop.product(5, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);
        long pending = shop.orderReturn(order);
        shop.returnLine(pending, order, product, 1);

        assertThat(sql.update("DELETE FROM order_return WHERE id = ?", pending)).isOne();
        assertThat(sql.longValue("SELECT COUNT(*) FROM return_line WHERE return_id = ?", pending)).isZero();
        // and its unit may be returned again
        shop.returnLine(shop.orderReturn(order), order, product, 1);
    }

    @Test
    void aLineOfACompletedReturnNeverMovesIntoAnotherReturn() throws Exception {
        // given 2 bought, 1 returned and completed (back in stock), and a second, pending return
        long product = shop.product(5, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long completed = shop.orderReturn(order);
        shop.returnLine(completed, order, product, 1);
        sql.update(CLOSE, "completed", completed);
        long pending = shop.orderReturn(order);

        // when the completed return's line is moved into the pending one
        sql.assertRefused("return_line_identity_fixed", "UPDATE return_line SET return_id = ? WHERE return_id = ?",
                pending, completed);

        // then it stays where it was; completing the pending return puts nothing back
        assertThat(sql.longValue("SELECT COUNT(*) FROM return_line WHERE return_id = ?", completed)).isOne();
        assertThat(sql.longValue("SELECT COUNT(*) FROM return_line WHERE return_id = ?", pending)).isZero();
        sql.update(CLOSE, "completed", pending);
        assertThat(shop.stockOf(product)).isEqualTo(4);
    }
}
