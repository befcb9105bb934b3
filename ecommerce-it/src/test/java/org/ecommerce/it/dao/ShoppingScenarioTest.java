package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.ReviewNotAllowedException;
import org.ecommerce.dao.basket.Basket;
import org.ecommerce.dao.basket.Checkout;
import org.ecommerce.dao.catalog.Brand;
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
import org.ecommerce.dao.customer.PaymentMethod;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.returns.ReturnStatus;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.dao.review.ProductReviews;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** A whole shopping journey through the public API only. */
@OnBothEngines
class ShoppingScenarioTest {

    private final Ecommerce shop;

    ShoppingScenarioTest(TestDatabase db) {
        shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void aCustomerShopsGetsADeliveryReturnsPartAndReviewsWhileANonBuyerCannotReview() {
        // given a catalogue: a brand, a category tree, two products
        Brand acme = shop.catalog().addBrand("Acme");
        Category tools = shop.catalog().addCategory("Tools", null);
        Category hammers = shop.catalog().addCategory("Hammers", tools.id());
        Product hammer = shop.catalog().addProduct(new NewProduct("Claw hammer", "16 oz", acme.id(), hammers.id(),
                new BigDecimal("19.90"), 10));
        Product saw = shop.catalog().addProduct(new NewProduct("Hand saw", null, acme.id(), tools.id(),
                new BigDecimal("25.00"), 5));

        // and a registered customer with a credit card and a gift card
        Customer ada = shop.customers().register(new RegisterCustomer("Ada@Example.com", "Ada Lovelace", null,
                Gender.FEMALE, "+44 20 7946 0000", new Address("Flat 2", "12 Analytical Row", "London", null, "N1 9GU", "GB"),
                "difference engine"));
        CreditCard card = shop.customers().addCreditCard(ada.id(),
                new NewCreditCard("visa", "A LOVELACE", "4242", YearMonth.now().plusYears(3), "tok_ada_visa"));
        GiftCard gift = shop.customers().addGiftCard(ada.id(), new NewGiftCard("GC-ADA-1", new BigDecimal("100.00"), null));
        assertThat(shop.customers().authenticate("ada@example.com", "difference engine")).contains(ada);
        assertThat(shop.customers().authenticate("ada@example.com", "wrong password")).isEmpty();
        assertThat(shop.customers().paymentMethods(ada.id())).extracting(PaymentMethod::id).containsExactly(card.id(), gift.id());
        assertThat(card.isDefault()).isTrue();

        // when she browses the Tools category (which includes Hammers) ...
        assertThat(shop.catalog().byCategory(tools.id(), PageRequest.first(10)).items())
                .extracting(Product::name).containsExactly("Claw hammer", "Hand saw");

        // ... fills her basket ...
        shop.baskets().add(ada.id(), hammer.id(), 1);
        shop.baskets().add(ada.id(), hammer.id(), 1);
        Basket basket = shop.baskets().add(ada.id(), saw.id(), 1);
        assertThat(basket.total()).isEqualByComparingTo("64.80");

        // ... and checks out with the gift card
        Order order = shop.baskets().checkout(ada.id(), Checkout.with(gift.id(), "checkout-1"));

        // then the order holds the basket at purchase prices, stock is taken, the card debited, the basket empty
        assertThat(order.total()).isEqualByComparingTo("64.80");
        assertThat(order.grandTotal()).isEqualByComparingTo("64.80");
        assertThat(order.lines()).extracting(l -> l.productId() + "x" + l.quantity())
                .containsExactly(hammer.id() + "x2", saw.id() + "x1");
        assertThat(shop.catalog().get(hammer.id()).stock()).isEqualTo(8);
        assertThat(shop.baskets().view(ada.id()).isEmpty()).isTrue();
        assertThat(balanceOf(ada, gift)).isEqualByComparingTo("35.20");
        assertThat(shop.orders().byCustomer(ada.id(), PageRequest.first(5)).items()).containsExactly(order);

        // when a price changes, the order keeps what she paid
        shop.catalog().changePrice(hammer.id(), new BigDecimal("24.90"));
        assertThat(shop.orders().get(order.id()).lines().get(0).unitPrice()).isEqualByComparingTo("19.90");

        // when the delivery arrives
        assertThat(shop.deliveries().forOrder(order.id()).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(shop.deliveries().moveTo(order.id(), DeliveryStatus.DELIVERED).deliveredAt()).isNotNull();

        // and she returns one hammer
        OrderReturn opened = shop.returns().open(OpenReturn.of(order.id(), "too heavy", new ReturnItem(hammer.id(), 1)));
        OrderReturn completed = shop.returns().complete(opened.id());

        // then it is refunded to the gift card and back in stock
        assertThat(completed.status()).isEqualTo(ReturnStatus.COMPLETED);
        assertThat(completed.refundTotal()).isEqualByComparingTo("19.90");
        assertThat(balanceOf(ada, gift)).isEqualByComparingTo("55.10");
        assertThat(shop.catalog().get(hammer.id()).stock()).isEqualTo(9);

        // and she may review what she bought
        shop.reviews().add(new AddReview(ada.id(), hammer.id(), 4, "Solid, but heavy."));
        ProductReviews reviews = shop.reviews().forProduct(hammer.id(), PageRequest.first(10));
        assertThat(reviews.count()).isEqualTo(1);
        assertThat(reviews.averageRating()).isEqualByComparingTo("4.00");

        // while a customer who never bought it is refused, and nothing is written
        Customer bob = shop.customers().register(new RegisterCustomer("bob@example.com", "Bob", null, null, null,
                Address.of("3 High St", "York", "YO1 7HH", "GB"), "bob's password"));
        assertThatThrownBy(() -> shop.reviews().add(new AddReview(bob.id(), hammer.id(), 1, "Never had one")))
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThat(shop.reviews().forProduct(hammer.id(), PageRequest.first(10)).count()).isEqualTo(1);
    }

    private BigDecimal balanceOf(Customer customer, GiftCard card) {
        List<PaymentMethod> methods = shop.customers().paymentMethods(customer.id());
        return methods.stream().filter(m -> m.id() == card.id()).map(m -> ((GiftCard) m).balance()).findFirst().orElseThrow();
    }
}
