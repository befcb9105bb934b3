package org.ecommerce.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The number a customer is told names one order only, even when the database hands an order's id
 * out again, as a standby promoted after asynchronous replication does with the ids of the orders
 * it never received: its id sequence restarts from what it had.
 */
@OnBothEngines
class OrderNumberTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    OrderNumberTest(TestDatabase db) {
        this.db = db;
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @Test
    void aLostOrdersNumberNeverNamesTheOrderThatGetsItsId() throws SQLException {
        // given a buyer who was told the number of an order that the database then lost
        Product product = fixtures.product("5.00", 10);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        AtomicReference<Order> told = new AtomicReference<>();
        Throwable died = catchThrowable(() -> shop.inTransaction(tx -> {
            told.set(tx.orders().place(PlaceOrder.of(buyer.id(), card.id(), "lost", new OrderItem(product.id(), 1))));
            throw new IllegalStateException("the primary died before the standby received this order");
        }));
        assertThat(died).hasMessage("the primary died before the standby received this order");
        Order lost = told.get();

        // when the id sequence restarts at the lost order's id, as on the promoted standby, and another order is placed
        restartOrderIdsAt(lost.id());
        Order next = shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "after-failover", new OrderItem(product.id(), 1)));

        // then the new order has the lost one's id but a number of its own, and the told number names no order
        assertThat(next.id()).isEqualTo(lost.id());
        assertThat(next.number()).matches("ORD-[0-9A-F]{15}").isNotEqualTo(lost.number());
        assertThat(shop.orders().findByNumber(lost.number())).isEmpty();
        assertThat(shop.orders().findByNumber(next.number())).contains(next);
    }

    @Test
    void anOrderWrittenWithPlainSqlGetsANumberFromTheDatabase() throws SQLException {
        // given a customer with a card
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);

        // when a service inserts an order with plain SQL, naming no number
        long id;
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO orders (customer_id, payment_method_id) VALUES (?, ?)", new String[] {"id"})) {
            insert.setLong(1, buyer.id());
            insert.setLong(2, card.id());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }

        // then the database drew its number
        assertThat(shop.orders().get(id).number()).matches("ORD-[0-9A-F]{15}");
    }

    private void restartOrderIdsAt(long id) throws SQLException {
        try (Connection owner = db.ownerConnect()) {
            owner.createStatement().execute("ALTER TABLE orders ALTER COLUMN id RESTART WITH " + id);
        }
    }
}
