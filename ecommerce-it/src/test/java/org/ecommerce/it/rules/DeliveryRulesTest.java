package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A delivery's status stays in its set and moves along the allowed transitions only. */
@OnBothEngines
class DeliveryRulesTest {

    private static final String MOVE = "UPDATE delivery SET status = ? WHERE id = ?";
    private static final String DELIVER = "UPDATE delivery SET status = 'delivered', delivered_at = CURRENT_TIMESTAMP WHERE id = ?";

    private final PlainSql sql;
    private final PlainShop shop;

    DeliveryRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    private long newDelivery() throws Exception {
        long buyer = shop.customer();
        return shop.delivery(shop.purchase(buyer, shop.product(5, "10.00"), 1));
    }

    private String statusOf(long delivery) throws Exception {
        return (String) sql.value("SELECT status FROM delivery WHERE id = ?", delivery);
    }

    @Test
    void aStatusOutsideTheSetIsRefused() throws Exception {
        long delivery = newDelivery();

        sql.assertRefused("delivery_status_known", MOVE, "lost", delivery);
    }

    @Test
    void pendingCanBePostponedResumedAndDelivered() throws Exception {
        long delivery = newDelivery();

        assertThat(sql.update(MOVE, "postponed", delivery)).isOne();
        assertThat(sql.update(MOVE, "pending", delivery)).isOne();
        assertThat(sql.update(DELIVER, delivery)).isOne();

        assertThat(statusOf(delivery)).isEqualTo("delivered");
    }

    @Test
    void aPostponedDeliveryCanBeCancelled() throws Exception {
        long delivery = newDelivery();

        sql.update(MOVE, "postponed", delivery);
        assertThat(sql.update(MOVE, "cancelled", delivery)).isOne();
    }

    @Test
    void deliveredAndCancelledAreFinal() throws Exception {
        long delivered = newDelivery();
        sql.update(DELIVER, delivered);
        long cancelled = newDelivery();
        sql.update(MOVE, "cancelled", cancelled);

        sql.assertRefused("delivery_status_transition",
                "UPDATE delivery SET status = 'pending', delivered_at = NULL WHERE id = ?", delivered);
        sql.assertRefused("delivery_status_transition", MOVE, "pending", cancelled);
        sql.assertRefused("delivery_status_transition", DELIVER, cancelled);

        assertThat(statusOf(delivered)).isEqualTo("delivered");
        assertThat(statusOf(cancelled)).isEqualTo("cancelled");
    }

    @Test
    void deliveredRequiresTheDeliveryTime() throws Exception {
        long delivery = newDelivery();

        sql.assertRefused("delivery_delivered_at_iff_delivered", MOVE, "delivered", delivery);
    }

    @Test
    void anOrderHasOnlyOneDelivery() throws Exception {
        long buyer = shop.customer();
        long order = shop.purchase(buyer, shop.product(5, "10.00"), 1);
        shop.delivery(order);

        sql.assertRefused("delivery_one_per_order",
                "INSERT INTO delivery (order_id, tracking_number, address_street, address_city, address_postcode, "
                        + "address_country) VALUES (?, 'TRK-DUP', 'x', 'y', 'z', 'GB')", order);
    }

    @Test
    void aDeliveryIsNeitherDeletedNorMovedToAnotherOrder() throws Exception {
        // given a delivered delivery, and another order without one
        long buyer = shop.customer();
        long order = shop.purchase(buyer, shop.product(5, "10.00"), 1);
        long delivery = shop.delivery(order);
        sql.update(DELIVER, delivery);
        long otherOrder = shop.purchase(buyer, shop.product(5, "10.00"), 1);

        // when it is deleted, or moved to the other order
        sql.assertRefused("delivery_stays_with_order", "DELETE FROM delivery WHERE id = ?", delivery);
        sql.assertRefused("delivery_stays_with_order", "UPDATE delivery SET order_id = ? WHERE id = ?", otherOrder, delivery);

        // then it is still its order's, delivered, and the other order has none
        assertThat(sql.longValue("SELECT order_id FROM delivery WHERE id = ?", delivery)).isEqualTo(order);
        assertThat(statusOf(delivery)).isEqualTo("delivered");
        assertThat(sql.longValue("SELECT COUNT(*) FROM delivery WHERE order_id = ?", otherOrder)).isZero();
    }
}
