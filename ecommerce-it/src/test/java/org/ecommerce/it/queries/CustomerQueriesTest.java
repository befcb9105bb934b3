package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.dao.order.Order;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.CustomersWithOpenBaskets;
import org.ecommerce.queries.CustomersWithOrders;
import org.ecommerce.queries.CustomersWithoutPurchase;
import org.ecommerce.queries.TimeRange;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.junit.jupiter.api.Test;

/** The customer questions (1, 2, 3, 10, 11) against {@link AnalyticsShop}. */
@OnBothEngines
class CustomerQueriesTest {

    private final Ecommerce shop;
    private final AnalyticsShop given;

    CustomerQueriesTest(TestDatabase db) {
        given = AnalyticsShop.in(db);
        shop = given.shop;
    }

    @Test
    void topCustomersByExpenditureSumGrandTotalsAndBreakATieByCustomerId() {
        // given ada spent 220 + 110 = 330, bob 190 + 140 = 330 (a tie), cyd 260 - 26 deduction = 234
        // when
        var rows = TopCustomersByExpenditure.top(3).fetch(shop);
        // then ada, registered first, comes before bob; customers without orders are absent
        assertThat(rows).containsExactly(
                spender(given.ada, 2, "330.00"),
                spender(given.bob, 2, "330.00"),
                spender(given.cyd, 1, "234.00"));
        assertThat(TopCustomersByExpenditure.top(1).fetch(shop)).containsExactly(spender(given.ada, 2, "330.00"));
    }

    @Test
    void topCustomersByExpenditureWithinARangeCountOnlyOrdersPlacedInIt() {
        // given March and April hold o3 (ada 110), o4 (cyd 234), o5 (bob 140)
        TimeRange marchAndApril = TimeRange.of(AnalyticsShop.utc("2025-03-01T00:00:00").toInstant(),
                AnalyticsShop.utc("2025-05-01T00:00:00").toInstant());
        // when
        var rows = TopCustomersByExpenditure.top(5).placedWithin(marchAndApril).fetch(shop);
        // then
        assertThat(rows).containsExactly(
                spender(given.cyd, 1, "234.00"),
                spender(given.bob, 1, "140.00"),
                spender(given.ada, 1, "110.00"));
    }

    @Test
    void topCustomersByInteractionsCountEveryTypeAndBreakATieByCustomerId() {
        // given dan 5 views; ada 3 purchases + 1 review; bob 4 purchases; cyd 3 purchases; eve 2 clicks
        // when
        var rows = TopCustomersByInteractions.top(5).fetch(shop);
        // then
        assertThat(rows).containsExactly(
                interactor(given.dan, 5), interactor(given.ada, 4), interactor(given.bob, 4),
                interactor(given.cyd, 3), interactor(given.eve, 2));
    }

    @Test
    void topCustomersByInteractionsOfSomeTypesCountOnlyThose() {
        // when only purchases count
        var purchases = TopCustomersByInteractions.top(5).ofKinds(InteractionKind.PURCHASE).fetch(shop);
        // then one per order line: bob 2 + 2, ada 2 + 1, cyd 3
        assertThat(purchases).containsExactly(interactor(given.bob, 4), interactor(given.ada, 3), interactor(given.cyd, 3));
        // and views and clicks are dan's and eve's only
        assertThat(TopCustomersByInteractions.top(5).ofKinds(InteractionKind.VIEW, InteractionKind.CLICK).fetch(shop))
                .containsExactly(interactor(given.dan, 5), interactor(given.eve, 2));
    }

    @Test
    void topCustomersByInteractionsWithinARangeCountOnlyWhatOccurredInIt() {
        // given on 1 June dan viewed three times; from 3 to 5 June eve clicked twice and ada reviewed once
        TimeRange firstOfJune = TimeRange.of(AnalyticsShop.utc("2025-06-01T00:00:00").toInstant(),
                AnalyticsShop.utc("2025-06-02T00:00:00").toInstant());
        TimeRange thirdToFifth = TimeRange.of(AnalyticsShop.utc("2025-06-03T00:00:00").toInstant(),
                AnalyticsShop.utc("2025-06-06T00:00:00").toInstant());
        // when / then
        assertThat(TopCustomersByInteractions.top(5).occurredWithin(firstOfJune).fetch(shop))
                .containsExactly(interactor(given.dan, 3));
        assertThat(TopCustomersByInteractions.top(5).occurredWithin(thirdToFifth)
                .ofKinds(InteractionKind.CLICK, InteractionKind.REVIEW).fetch(shop))
                .containsExactly(interactor(given.eve, 2), interactor(given.ada, 1));
    }

    @Test
    void customersWithoutPurchaseAreThoseWithoutAnyOrderInRegistrationOrder() {
        // given dan and eve never ordered (dan has a basket and views, which are not purchases)
        // when
        var rows = CustomersWithoutPurchase.all().fetch(shop);
        // then
        assertThat(rows).containsExactly(
                new CustomersWithoutPurchase.Row(given.dan.id(), "Dan", "dan@example.com", given.dan.createdAt()),
                new CustomersWithoutPurchase.Row(given.eve.id(), "Eve", "eve@example.com", given.eve.createdAt()));
    }

    @Test
    void customersWithOrdersNestEachOrderWithItsLinesNewestOrderFirstAndKeepCustomersWithoutOrders() {
        // when
        var rows = CustomersWithOrders.all().fetch(shop);
        // then every customer is there; lines by product id; o4 keeps its deduction
        assertThat(rows).containsExactly(
                new CustomersWithOrders.Row(given.ada.id(), "Ada", "ada@example.com", List.of(
                        order(given.o3, "2025-03-05T10:00:00", "110.00", null, "110.00",
                                line(given.speaker.id(), "Speaker", 1, "110.00", "110.00")),
                        order(given.o1, "2025-01-10T10:00:00", "220.00", null, "220.00",
                                line(given.headphones.id(), "Studio headphones", 2, "100.00", "200.00"),
                                line(given.novel.id(), "Novel", 1, "20.00", "20.00")))),
                new CustomersWithOrders.Row(given.bob.id(), "Bob", "bob@example.com", List.of(
                        order(given.o5, "2025-04-30T22:30:00", "140.00", null, "140.00",
                                line(given.headphones.id(), "Studio headphones", 1, "100.00", "100.00"),
                                line(given.novel.id(), "Novel", 2, "20.00", "40.00")),
                        order(given.o2, "2025-01-20T15:00:00", "190.00", null, "190.00",
                                line(given.earbuds.id(), "Earbuds", 3, "50.00", "150.00"),
                                line(given.novel.id(), "Novel", 2, "20.00", "40.00")))),
                new CustomersWithOrders.Row(given.cyd.id(), "Cyd", "cyd@example.com", List.of(
                        order(given.o4, "2025-03-28T22:30:00", "260.00", "26.00", "234.00",
                                line(given.earbuds.id(), "Earbuds", 1, "50.00", "50.00"),
                                line(given.atlas.id(), "Atlas", 3, "40.00", "120.00"),
                                line(given.cookbook.id(), "Cookbook", 3, "30.00", "90.00")))),
                new CustomersWithOrders.Row(given.dan.id(), "Dan", "dan@example.com", List.of()),
                new CustomersWithOrders.Row(given.eve.id(), "Eve", "eve@example.com", List.of()));
    }

    @Test
    void customersWithOrdersPageByCustomerNotByOrderLine() {
        // when the second page of two customers is asked for
        var rows = CustomersWithOrders.page(new PageRequest(1, 2)).fetch(shop);
        // then it holds the third and fourth customers, whole
        assertThat(rows).extracting(CustomersWithOrders.Row::customerId).containsExactly(given.cyd.id(), given.dan.id());
        assertThat(rows.get(0).orders()).extracting(CustomersWithOrders.Order::orderId).containsExactly(given.o4.id());
        assertThat(rows.get(0).orders().get(0).lines()).hasSize(3);
    }

    @Test
    void customersWithOpenBasketsShowBirthdayLiveGiftCardBalanceAndItemsAtCurrentPrices() {
        // given ada: gift card 300 - 110 spent on o3 (its return is only pending), basket novel x1;
        // dan: gift card 25 (the removed 10 one does not count), basket earbuds x1 and gnome x2 now at 12.50
        // when
        var rows = CustomersWithOpenBaskets.all().fetch(shop);
        // then bob, cyd and eve, whose baskets are empty or missing, are absent
        assertThat(rows).containsExactly(
                new CustomersWithOpenBaskets.Row(given.ada.id(), "Ada", "ada@example.com", LocalDate.of(1990, 12, 10),
                        new BigDecimal("190.00"), List.of(item(given.novel.id(), "Novel", 1, "20.00", "20.00"))),
                new CustomersWithOpenBaskets.Row(given.dan.id(), "Dan", "dan@example.com", LocalDate.of(1985, 2, 1),
                        new BigDecimal("25.00"), List.of(
                                item(given.earbuds.id(), "Earbuds", 1, "50.00", "50.00"),
                                item(given.gnome.id(), "Garden gnome", 2, "12.50", "25.00"))));
    }

    private static TopCustomersByExpenditure.Row spender(Customer customer, long orders, String spent) {
        return new TopCustomersByExpenditure.Row(customer.id(), customer.name(), customer.email(), orders, new BigDecimal(spent));
    }

    private static TopCustomersByInteractions.Row interactor(Customer customer, long interactions) {
        return new TopCustomersByInteractions.Row(customer.id(), customer.name(), customer.email(), interactions);
    }

    private static CustomersWithOrders.Order order(Order order, String placedAtUtc, String total, String deduction,
                                                   String grandTotal, CustomersWithOrders.Line... lines) {
        return new CustomersWithOrders.Order(order.id(), AnalyticsShop.utc(placedAtUtc).toInstant(), new BigDecimal(total),
                deduction == null ? null : new BigDecimal(deduction), new BigDecimal(grandTotal), List.of(lines));
    }

    private static CustomersWithOrders.Line line(long product, String name, int quantity, String unitPrice, String subtotal) {
        return new CustomersWithOrders.Line(product, name, quantity, new BigDecimal(unitPrice), new BigDecimal(subtotal));
    }

    private static CustomersWithOpenBaskets.Item item(long product, String name, int quantity, String unitPrice, String total) {
        return new CustomersWithOpenBaskets.Item(product, name, quantity, new BigDecimal(unitPrice), new BigDecimal(total));
    }
}
