package org.ecommerce.it.cli;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.review.AddReview;

/**
 * A shop with rows in every table and the cases an import must get right, built through the
 * public API (recommendation scores, which no API writes yet, by plain SQL):
 * <ul>
 * <li>texts with commas, quotes, line breaks and characters outside the BMP; an empty text
 *     next to a NULL one;</li>
 * <li>a product sold out, restocked by a completed return, and sold out again, so that its
 *     stock cannot be replayed by loading all sales first;</li>
 * <li>returns in every status, including a denied one whose units a later return takes back;</li>
 * <li>an order with a deduction, paid by gift card; a removed payment method; a category tree
 *     three levels deep; an open basket; deliveries in several statuses.</li>
 * </ul>
 */
final class VariedShop {

    /** The saw's story: sold out, restocked by a return, sold out again. */
    static final String SAW = "Saw, \"two-handed\"";

    private VariedShop() {
    }

    static void build(Ecommerce shop) throws SQLException {
        long acme = shop.catalog().addBrand("Acme, \"Quoted\" & Sons").id();
        long cafe = shop.catalog().addBrand("Café crème ☕ \uD834\uDD1E").id();
        Category top = shop.catalog().addCategory("Workshop", null);
        Category middle = shop.catalog().addCategory("Hand tools", top.id());
        Category leaf = shop.catalog().addCategory("Saws", middle.id());
        Product hammer = shop.catalog().addProduct(new NewProduct("Hammer", "line one\nline two, \"quoted\"", acme,
                middle.id(), new BigDecimal("19.90"), 10));
        Product saw = shop.catalog().addProduct(new NewProduct(SAW, "", acme, leaf.id(), new BigDecimal("25.00"), 2));
        Product kettle = shop.catalog().addProduct(new NewProduct("Kettle", null, cafe, top.id(), new BigDecimal("0.00"), 5));

        Customer ada = shop.customers().register(new RegisterCustomer("Ada@Example.com", "Ada Lovelace", LocalDate.of(1815, 12, 10),
                Gender.FEMALE, "+44 20 7946 0000", new Address("Flat 2", "12 Analytical Row", "London", "Greater London", "N1 9GU", "GB"),
                "difference engine"));
        Customer bob = shop.customers().register(new RegisterCustomer("bob@example.com", "Bob", null, null, null,
                Address.of("3 High St", "York", "YO1 7HH", "GB"), "bob's password"));
        Customer cy = shop.customers().register(new RegisterCustomer("cy@example.com", "Cy Ng", null, Gender.NON_BINARY, null,
                Address.of("Rua Augusta 1", "Lisboa", "1100-053", "PT"), "cy's password"));

        CreditCard adaCard = shop.customers().addCreditCard(ada.id(), new NewCreditCard("visa", "A LOVELACE", "4242",
                YearMonth.of(2031, 1), "tok_varied_ada"));
        GiftCard adaGift = shop.customers().addGiftCard(ada.id(), new NewGiftCard("GC-VARIED-1", new BigDecimal("200.00"),
                LocalDate.of(2032, 6, 30)));
        CreditCard oldCard = shop.customers().addCreditCard(ada.id(), new NewCreditCard("amex", "A LOVELACE", "0005",
                YearMonth.of(2030, 3), "tok_varied_ada_old"));
        shop.customers().removePaymentMethod(ada.id(), oldCard.id());
        CreditCard bobCard = shop.customers().addCreditCard(bob.id(), new NewCreditCard("mastercard", "BOB", "5100",
                YearMonth.of(2030, 12), "tok_varied_bob"));

        // the saw: 2 in stock, both sold, one returned, sold again
        Order first = shop.orders().place(new PlaceOrder(ada.id(), adaGift.id(),
                List.of(new OrderItem(saw.id(), 2), new OrderItem(hammer.id(), 1)), new BigDecimal("5.00"), null, "varied-1"));
        shop.deliveries().moveTo(first.id(), DeliveryStatus.DELIVERED);
        shop.returns().complete(shop.returns().open(OpenReturn.of(first.id(), "bent", new ReturnItem(saw.id(), 1))).id());
        shop.returns().cancel(shop.returns().open(OpenReturn.of(first.id(), null, new ReturnItem(hammer.id(), 1))).id());
        Order second = shop.orders().place(PlaceOrder.of(bob.id(), bobCard.id(), "varied-2", new OrderItem(saw.id(), 1),
                new OrderItem(kettle.id(), 2)));
        shop.deliveries().moveTo(second.id(), DeliveryStatus.POSTPONED);
        // a denied return, whose unit a later return then takes back and completes
        shop.returns().deny(shop.returns().open(OpenReturn.of(second.id(), "changed my mind", new ReturnItem(saw.id(), 1))).id());
        shop.returns().complete(shop.returns().open(OpenReturn.of(second.id(), "broken", new ReturnItem(saw.id(), 1))).id());
        Order third = shop.orders().place(PlaceOrder.of(ada.id(), adaCard.id(), null, new OrderItem(saw.id(), 1)));
        shop.deliveries().moveTo(third.id(), DeliveryStatus.CANCELLED);
        shop.returns().open(OpenReturn.of(third.id(), "still pending", new ReturnItem(saw.id(), 1)));

        shop.reviews().add(new AddReview(ada.id(), hammer.id(), 5, "Solid, \"balanced\",\nwould buy again"));
        shop.reviews().add(new AddReview(bob.id(), saw.id(), 2, null));
        shop.baskets().add(cy.id(), hammer.id(), 3);
        shop.baskets().add(cy.id(), kettle.id(), 1);

        try (Connection connection = shop.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO recommendation_score (customer_id, product_id, score) VALUES (?, ?, ?)")) {
            for (Object[] score : new Object[][] {{cy.id(), hammer.id(), 12.5}, {cy.id(), saw.id(), 0.1 + 0.2}}) {
                for (int i = 0; i < score.length; i++) {
                    insert.setObject(i + 1, score[i]);
                }
                insert.executeUpdate();
            }
        }
    }
}
