package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.PaymentMethod;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.junit.jupiter.api.Test;

/** What a completed return refunds, and what the monthly sales count of it. */
@OnBothEngines
class RefundTest {

    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    RefundTest(TestDatabase db) {
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void partialReturnsOfADiscountedOrderNeverRefundMoreThanItCharged() {
        // given three units at 1.00 bought with a gift card and a deduction of 0.01: 2.99 charged
        Customer buyer = fixtures.customer();
        GiftCard card = fixtures.giftCard(buyer, "50.00");
        Product product = fixtures.product("1.00", 10);
        Order order = shop.orders().place(new PlaceOrder(buyer.id(), card.id(), List.of(new OrderItem(product.id(), 3)),
                new BigDecimal("0.01"), null, null));
        assertThat(order.grandTotal()).isEqualByComparingTo("2.99");

        // when each unit comes back in a return of its own (each worth 0.99666...)
        BigDecimal refunded = BigDecimal.ZERO;
        for (int unit = 0; unit < 3; unit++) {
            OrderReturn opened = shop.returns().open(OpenReturn.of(order.id(), "unit " + unit, new ReturnItem(product.id(), 1)));
            refunded = refunded.add(shop.returns().complete(opened.id()).refundTotal());
        }

        // then the refunds add up to no more than the order charged, and they went back on the card
        assertThat(refunded).isLessThanOrEqualTo(new BigDecimal("2.99")).isEqualByComparingTo("2.97");
        assertThat(balanceOf(buyer, card)).isEqualByComparingTo(new BigDecimal("47.01").add(refunded));
        // and the monthly sales count the very same refunds
        assertThat(MonthlySalesGrowth.in(ZoneOffset.UTC).fetch(shop).getLast().refunds()).isEqualByComparingTo(refunded);
    }

    private BigDecimal balanceOf(Customer customer, GiftCard card) {
        List<PaymentMethod> methods = shop.customers().paymentMethods(customer.id());
        return methods.stream().filter(m -> m.id() == card.id()).map(m -> ((GiftCard) m).balance()).findFirst().orElseThrow();
    }
}
