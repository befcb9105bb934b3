package com.example.shop;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Brand;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.h2.jdbcx.JdbcDataSource;

public class QuickStart {

    public static void main(String[] args) {
        JdbcDataSource h2 = new JdbcDataSource();   // or a pooled PostgreSQL 15+ DataSource (HikariCP, ...)
        h2.setURL("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;" + EcommerceSchema.H2_URL_SETTINGS);  // file: ./shop to keep it
        run(h2);
    }

    public static Order run(DataSource dataSource) {
        EcommerceSchema.migrate(dataSource);         // engine detected; a no-op when current
        Ecommerce shop = Ecommerce.create(dataSource);

        Customer ada = shop.customers().register(new RegisterCustomer("ada@example.com", "Ada Lovelace",
                null, Gender.FEMALE, null, Address.of("12 Analytical Row", "London", "N1 9GU", "GB"), "difference engine"));
        CreditCard card = shop.customers().addCreditCard(ada.id(),   // no card number, no CVV: a processor token
                new NewCreditCard("visa", "A LOVELACE", "4242", YearMonth.of(2030, 1), "tok_1Nv0"));
        Brand acme = shop.catalog().addBrand("Acme");
        Category tools = shop.catalog().addCategory("Tools");
        Product hammer = shop.catalog().addProduct(new NewProduct("Claw hammer", null, acme.id(), tools.id(),
                new BigDecimal("19.90"), 10));

        Order order = shop.orders().place(PlaceOrder.of(ada.id(), card.id(), "request-7f3a",  // idempotency key
                new OrderItem(hammer.id(), 2)));
        shop.reviews().add(new AddReview(ada.id(), hammer.id(), 5, "Balanced and solid."));  // buyers only:
        // anyone else gets ReviewNotAllowedException; every refusal is a typed EcommerceException

        List<LowStockProducts.Row> low = LowStockProducts.below(200).fetch(shop);   // analytics: typed rows
        System.out.println(low);
        System.out.println(MonthlySalesGrowth.in(ZoneId.of("Europe/London")).sql(Engine.POSTGRESQL));
        return order;
    }
}
