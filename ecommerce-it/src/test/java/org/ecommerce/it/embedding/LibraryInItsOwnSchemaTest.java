package org.ecommerce.it.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.recommendation.RebuildSummary;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.MigrationOptions;
import org.junit.jupiter.api.Test;

/**
 * The library in a schema of its own ({@code shop}), used through {@code Ecommerce.builder(ds).schema("shop")}
 * on connections whose current schema is the service's ({@code public}, where the service has a
 * {@code customer} table of its own): every repository, rebuild and query object finds the
 * library's tables, and the service's table is never touched.
 */
@OnBothEngines
class LibraryInItsOwnSchemaTest {

    private final TestDatabase db;

    LibraryInItsOwnSchemaTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void everyOperationRunsOnTheLibrarysSchemaAndLeavesTheServicesTablesAlone() throws Exception {
        // given a service's own customer table in public, and the library migrated into shop
        DataSource database = db.newEmptyDatabase("ownschema");
        try (PlainSql sql = new PlainSql(database)) {
            sql.update("CREATE TABLE customer (id BIGINT NOT NULL PRIMARY KEY, nickname VARCHAR(100) NOT NULL)");
            sql.update("INSERT INTO customer (id, nickname) VALUES (1, 'the service''s own')");
        }
        EcommerceSchema.migrate(database, MigrationOptions.defaults().schema("shop"));
        Ecommerce shop = Ecommerce.builder(database).schema("shop").build();
        ShopFixtures fixtures = new ShopFixtures(shop);

        // when a customer registers, orders, is refused an over-sale, and the analytics and rebuild run
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("7.00", 3);
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "k1", new OrderItem(product.id(), 2)));
        assertThatThrownBy(() -> shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), "k2", new OrderItem(product.id(), 2))))
                .isInstanceOf(OutOfStockException.class);
        List<LowStockProducts.Row> low = LowStockProducts.below(2).fetch(shop);
        List<TopCustomersByExpenditure.Row> top = TopCustomersByExpenditure.top(5).fetch(shop);
        RebuildSummary rebuilt = shop.recommendations().rebuildAll();

        // then it all happened in shop, with the rules in force there
        assertThat(order.lines()).hasSize(1);
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(1);
        assertThat(low).anySatisfy(row -> assertThat(row.productId()).isEqualTo(product.id()));
        assertThat(top).anySatisfy(row -> assertThat(row.customerId()).isEqualTo(buyer.id()));
        assertThat(rebuilt.scores()).isPositive();
        assertThat(count(database, "shop.customer")).isEqualTo(1);
        // and the service's customer table holds its one row, untouched
        assertThat(count(database, "public.customer")).isEqualTo(1);
        // and the SQL a query object shows names the schema
        assertThat(LowStockProducts.below(2).sql(shop)).contains("shop.product");
    }

    private static long count(DataSource database, String table) throws Exception {
        try (Connection c = database.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
