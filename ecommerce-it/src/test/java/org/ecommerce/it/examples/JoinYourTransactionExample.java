package org.ecommerce.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
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
 * The README's example of a service that owns its JDBC transaction and runs a library call inside
 * it. The lines between the snippet markers are the README's, word for word (see
 * {@link ReadmeSnippetsTest}); the test runs them on both engines.
 */
@OnBothEngines
class JoinYourTransactionExample {

    private final TestDatabase db;

    JoinYourTransactionExample(TestDatabase db) throws SQLException {
        this.db = db;
        try (Connection c = db.ownerConnect()) {
            // the service's own table, created by the schema's owner like the library's
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS app_audit_log (what VARCHAR(200) NOT NULL)");
            c.createStatement().execute("GRANT SELECT, INSERT ON app_audit_log TO " + db.applicationRole());
        }
    }

    @Test
    void theServicesAuditRowAndTheOrderCommitTogetherAndARefusalUndoesOnlyTheOrder() throws SQLException {
        Ecommerce shop = Ecommerce.create(db.dataSource());
        ShopFixtures fixtures = new ShopFixtures(shop);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product hammer = fixtures.product("19.90", 3);

        Order placed = checkout(db.dataSource(), shop, PlaceOrder.of(buyer.id(), card.id(), "request-1", new OrderItem(hammer.id(), 2)));
        Order refused = checkout(db.dataSource(), shop, PlaceOrder.of(buyer.id(), card.id(), "request-2", new OrderItem(hammer.id(), 2)));

        assertThat(placed).isNotNull();
        assertThat(refused).isNull();
        assertThat(auditRows()).isEqualTo(2); // both audit rows were kept
        assertThat(shop.catalog().get(hammer.id()).stock()).isEqualTo(1);
    }

    /** The README's snippet, with the request and the pool as parameters. */
    static Order checkout(DataSource pool, Ecommerce shop, PlaceOrder request) throws SQLException {
        // snippet:start
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);                        // the service's own transaction
            try (PreparedStatement audit = connection.prepareStatement("INSERT INTO app_audit_log (what) VALUES (?)")) {
                audit.setString(1, "checkout " + request.idempotencyKey());
                audit.executeUpdate();
            }
            try {
                Order order = shop.joinTransaction(connection, s -> s.orders().place(request));
                connection.commit();                                // the audit row and the order, together
                return order;
            } catch (OutOfStockException refused) {                 // the library undid only the order
                connection.commit();                                // keep the audit row (or roll back: your call)
                return null;
            }
        }
        // snippet:end
    }

    private long auditRows() throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM app_audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
