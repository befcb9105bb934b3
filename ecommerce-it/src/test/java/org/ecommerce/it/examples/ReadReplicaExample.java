package org.ecommerce.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.recommendation.Recommendation;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The README's example of a shop that reads from a replica. The lines between the snippet markers
 * are the README's, word for word (see {@link ReadmeSnippetsTest}); the test runs them on both
 * engines (PostgreSQL: the hot standby of the test server; H2: the database itself).
 */
@OnBothEngines
class ReadReplicaExample {

    private final TestDatabase db;

    ReadReplicaExample(TestDatabase db) {
        this.db = db;
    }

    @Test
    void anOrderPlacedOnThePrimaryShowsInTheBuyersRecommendationsReadFromTheReplica() {
        Ecommerce setUp = Ecommerce.create(db.dataSource());
        ShopFixtures fixtures = new ShopFixtures(setUp);
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product bought = fixtures.product("4.00", 10);
        // another customer's purchase makes the product popular: recommended to anyone who has not bought it
        Customer earlier = fixtures.customer();
        setUp.orders().place(PlaceOrder.of(earlier.id(), fixtures.creditCard(earlier).id(), "earlier", new OrderItem(bought.id(), 1)));
        setUp.recommendations().rebuildAll();
        assertThat(setUp.recommendations().topFor(buyer.id(), 10)).extracting(Recommendation::productId).contains(bought.id());

        List<Recommendation> next = placeThenRecommend(db.dataSource(), db.replicaDataSource(),
                PlaceOrder.of(buyer.id(), card.id(), "request-1", new OrderItem(bought.id(), 1)), buyer.id());

        // the replica already has the buyer's order: what they just bought is no longer recommended to them
        assertThat(next).extracting(Recommendation::productId).doesNotContain(bought.id());
    }

    /** The README's snippet, with the data sources, the request and the customer as parameters. */
    static List<Recommendation> placeThenRecommend(DataSource primary, DataSource standby, PlaceOrder request, long customerId) {
        // snippet:start
        Ecommerce shop = Ecommerce.builder(primary).readReplica(standby)
                .replicaMaxLag(Duration.ofSeconds(5))            // a replica further behind serves no read
                .replicaCatchUpTimeout(Duration.ofSeconds(1))    // how long read-your-writes waits for it
                .build();
        Order order = shop.orders().place(request);             // writes: always the primary
        List<Recommendation> next = shop.readYourWrites(s -> s.recommendations().topFor(customerId, 10));
        // snippet:end
        assertThat(order.number()).startsWith("ORD-");
        return next;
    }
}
