package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.returns.ReturnStatus;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allowed moves of deliveries and returns are rows of table {@code status_transition}, the one
 * copy both engines' triggers read: what the rows allow is allowed, to plain SQL and to the library
 * alike, and only the schema's owner changes them.
 */
@OnBothEngines
class StatusTransitionRulesTest {

    private static final String ADD_MOVE = "INSERT INTO status_transition (machine, from_status, to_status) VALUES (?, ?, ?)";
    private static final String REMOVE_MOVE = "DELETE FROM status_transition WHERE machine = ? AND from_status = ? AND to_status = ?";
    private static final String DELIVER = "UPDATE delivery SET status = 'delivered', delivered_at = CURRENT_TIMESTAMP WHERE id = ?";

    private final PlainSql sql;
    private final PlainSql owner;
    private final PlainShop plainShop;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    StatusTransitionRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        owner = new PlainSql(db.ownerDataSource());
        plainShop = new PlainShop(sql);
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
        owner.close();
    }

    @Test
    void theAllowedMovesAreRowsThatTheApplicationRoleReadsButCannotChange() throws Exception {
        // given the application role, which may read the moves
        assertThat(sql.longValue("SELECT COUNT(*) FROM status_transition WHERE machine = 'delivery'")).isEqualTo(6);
        assertThat(sql.longValue("SELECT COUNT(*) FROM status_transition WHERE machine = 'order_return'")).isEqualTo(3);

        // when it adds, changes or removes a move, then each is refused for want of the right
        assertThat((Object) catchThrowableOfType(SQLException.class,
                () -> sql.update(ADD_MOVE, "delivery", "delivered", "pending"))).as("insert").isNotNull();
        assertThat((Object) catchThrowableOfType(SQLException.class, () -> sql.update(
                "UPDATE status_transition SET from_status = 'delivered' WHERE machine = 'delivery'"))).as("update").isNotNull();
        assertThat((Object) catchThrowableOfType(SQLException.class, () -> sql.update("DELETE FROM status_transition")))
                .as("delete").isNotNull();

        // and the moves are as they were: a delivered delivery still cannot go back to pending
        assertThat(sql.longValue("SELECT COUNT(*) FROM status_transition")).isEqualTo(9);
        long delivery = plainShop.delivery(plainShop.purchase(plainShop.customer(), plainShop.product(5, "10.00"), 1));
        sql.update(DELIVER, delivery);
        sql.assertRefused("delivery_status_transition",
                "UPDATE delivery SET status = 'pending', delivered_at = NULL WHERE id = ?", delivery);
    }

    @Test
    void aMoveTheOwnerAddsIsAllowedToPlainSqlAndToTheLibraryAlike() throws Exception {
        // given a delivered order of the library and a delivered delivery written in plain SQL
        Order order = someOrder(1);
        shop.deliveries().moveTo(order.id(), DeliveryStatus.DELIVERED);
        long delivery = plainShop.delivery(plainShop.purchase(plainShop.customer(), plainShop.product(5, "10.00"), 1));
        sql.update(DELIVER, delivery);

        // when the owner adds the move delivered -> pending
        owner.update(ADD_MOVE, "delivery", "delivered", "pending");
        try {
            // then both go back to pending: no engine and no Java code keeps a copy of the moves
            assertThat(shop.deliveries().moveTo(order.id(), DeliveryStatus.PENDING).status())
                    .isEqualTo(DeliveryStatus.PENDING);
            assertThat(sql.update("UPDATE delivery SET status = 'pending', delivered_at = NULL WHERE id = ?", delivery)).isOne();
            assertThat(sql.value("SELECT status FROM delivery WHERE id = ?", delivery)).isEqualTo("pending");
        } finally {
            owner.update(REMOVE_MOVE, "delivery", "delivered", "pending");
        }
    }

    @Test
    void aMoveTheOwnerRemovesIsRefusedToTheLibraryWithItsTypedError() throws Exception {
        // given a pending delivery and a pending return
        Order order = someOrder(2);
        long product = order.lines().get(0).productId();
        OrderReturn pending = shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 1)));

        // when the owner removes the moves pending -> postponed and pending -> cancelled of returns
        owner.update(REMOVE_MOVE, "delivery", "pending", "postponed");
        owner.update(REMOVE_MOVE, "order_return", "pending", "cancelled");
        try {
            // then the library's moves are refused as invalid transitions, and nothing changes
            InvalidStatusTransitionException postponing = catchThrowableOfType(InvalidStatusTransitionException.class,
                    () -> shop.deliveries().moveTo(order.id(), DeliveryStatus.POSTPONED));
            assertThat(postponing.entity()).isEqualTo("delivery");
            assertThat(postponing.from()).isEqualTo("pending");
            assertThat(postponing.to()).isEqualTo("postponed");
            InvalidStatusTransitionException cancelling = catchThrowableOfType(InvalidStatusTransitionException.class,
                    () -> shop.returns().cancel(pending.id()));
            assertThat(cancelling.entity()).isEqualTo("return");
            assertThat(cancelling.from()).isEqualTo("pending");
            assertThat(cancelling.to()).isEqualTo("cancelled");
            assertThat(shop.deliveries().forOrder(order.id()).status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(shop.returns().get(pending.id()).status()).isEqualTo(ReturnStatus.PENDING);
        } finally {
            owner.update(ADD_MOVE, "delivery", "pending", "postponed");
            owner.update(ADD_MOVE, "order_return", "pending", "cancelled");
        }
    }

    @Test
    void completingAReturnTwiceIsRefusedAndPutsItsUnitsBackOnce() {
        // given a completed return of 1 of 2 units bought, from a stock of 10
        Order order = someOrder(2);
        long product = order.lines().get(0).productId();
        OrderReturn completed = shop.returns().complete(
                shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 1))).id());
        assertThat(shop.catalog().get(product).stock()).isEqualTo(9);

        // when it is completed again: to the database that is no move, so the library refuses it
        InvalidStatusTransitionException again = catchThrowableOfType(InvalidStatusTransitionException.class,
                () -> shop.returns().complete(completed.id()));

        // then the refusal names both statuses and the unit went back once
        assertThat(again.from()).isEqualTo("completed");
        assertThat(again.to()).isEqualTo("completed");
        assertThat(shop.catalog().get(product).stock()).isEqualTo(9);
    }

    private Order someOrder(int quantity) {
        Customer customer = fixtures.customer();
        Product product = fixtures.product("3.00", 10);
        return shop.orders().place(PlaceOrder.of(customer.id(), fixtures.creditCard(customer).id(), null,
                new OrderItem(product.id(), quantity)));
    }
}
