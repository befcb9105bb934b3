package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.CustomersWithOrders;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomersWithOrders#all()} is read differently from every other question on PostgreSQL
 * (the binary stream of {@code COPY (query) TO STDOUT (FORMAT binary)}, so that the whole order
 * history is read in bounded memory and in parallel); its pages are read through jOOQ like the
 * rest. Both must give the same rows, whatever the text holds.
 */
@OnBothEngines
class CustomersWithOrdersReadingTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final AnalyticsShop given;

    CustomersWithOrdersReadingTest(TestDatabase db) {
        this.db = db;
        given = AnalyticsShop.in(db);
        shop = given.shop;
    }

    @Test
    void allKeepsEveryCharacterOfANameAndEqualsItsPagesEndToEnd() {
        // given a customer whose name holds what a text transfer must escape
        String name = "Tab\there, line\nbreak, back\\slash, \\N, 'quote', \"double\", ☕";
        var odd = shop.customers().register(new RegisterCustomer("odd@example.com", name, LocalDate.of(1990, 1, 1),
                Gender.UNDISCLOSED, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"),
                "correct horse battery staple"));
        // when
        var all = CustomersWithOrders.all().fetch(shop);
        // then the name comes back verbatim, and all() equals its pages laid end to end (orders,
        // lines, times, money and the customers without orders included)
        assertThat(all).filteredOn(row -> row.customerId() == odd.id()).extracting(CustomersWithOrders.Row::name)
                .containsExactly(name);
        assertThat(all).containsExactlyElementsOf(pagesEndToEnd());
        assertThat(all.get(0).orders()).isNotEmpty();
    }

    @Test
    void allReadsEveryOrdersTimeToTheMicrosecondAsItsPagesDo() throws SQLException {
        // given a customer with orders placed at instants a decoder could get wrong: the last
        // microsecond of a leap day, half a second before 1970, a whole second (no fraction printed)
        var fay = shop.customers().register(new RegisterCustomer("fay@example.com", "Fay", LocalDate.of(1950, 6, 1),
                Gender.FEMALE, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), "correct horse battery staple"));
        long card = shop.customers().addCreditCard(fay.id(),
                new NewCreditCard("visa", "Fay", "4242", YearMonth.now().plusYears(2), "tok_fay")).id();
        Instant leapDay = Instant.parse("2024-02-29T23:59:59.999999Z");
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.500Z");
        Instant wholeSecond = Instant.parse("2000-03-01T00:00:00Z");
        try (PlainSql sql = new PlainSql(db)) {
            for (Instant at : List.of(leapDay, beforeEpoch, wholeSecond)) {
                Order order = shop.orders().place(PlaceOrder.of(fay.id(), card, "fay-" + at,
                        new OrderItem(given.novel.id(), 1)));
                // the database stamps orders with the current time: set the ones under test
                sql.update("UPDATE orders SET placed_at = ? WHERE id = ?", at.atOffset(ZoneOffset.UTC), order.id());
            }
        }
        // when
        var all = CustomersWithOrders.all().fetch(shop);
        // then her orders come newest first, each at its instant exactly, and all() equals its pages
        assertThat(all).filteredOn(row -> row.customerId() == fay.id()).singleElement()
                .extracting(row -> row.orders().stream().map(CustomersWithOrders.Order::placedAt).toList())
                .isEqualTo(List.of(leapDay, wholeSecond, beforeEpoch));
        assertThat(all).containsExactlyElementsOf(pagesEndToEnd());
    }

    @Test
    void allReadsEveryAmountToTheCentAsItsPagesDo() {
        // given an order of amounts a decoder of PostgreSQL's base-10 000 numbers could get wrong:
        // a whole 10 000 (one digit, trailing zero groups dropped), five cents (a leading zero
        // group), and cents across a group boundary
        var gus = shop.customers().register(new RegisterCustomer("gus@example.com", "Gus", LocalDate.of(1960, 2, 1),
                Gender.MALE, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), "correct horse battery staple"));
        long card = shop.customers().addCreditCard(gus.id(),
                new NewCreditCard("visa", "Gus", "4242", YearMonth.now().plusYears(2), "tok_gus")).id();
        var organ = shop.catalog().addProduct(new NewProduct("Organ", null, given.papyrus.id(), given.books.id(),
                new BigDecimal("10000.00"), 5));
        var stamp = shop.catalog().addProduct(new NewProduct("Stamp", null, given.papyrus.id(), given.books.id(),
                new BigDecimal("0.05"), 500));
        var globe = shop.catalog().addProduct(new NewProduct("Globe", null, given.papyrus.id(), given.books.id(),
                new BigDecimal("1234.56"), 5));
        shop.orders().place(PlaceOrder.of(gus.id(), card, "gus-1", new OrderItem(organ.id(), 1),
                new OrderItem(stamp.id(), 3), new OrderItem(globe.id(), 2)));
        // when
        var all = CustomersWithOrders.all().fetch(shop);
        // then each line and the order's total come back exact, with scale 2, and all() equals its pages
        var order = all.stream().filter(row -> row.customerId() == gus.id()).findFirst().orElseThrow().orders().get(0);
        assertThat(order.lines()).extracting(CustomersWithOrders.Line::unitPrice, CustomersWithOrders.Line::subtotal)
                .containsExactly(tuple(new BigDecimal("10000.00"), new BigDecimal("10000.00")),
                        tuple(new BigDecimal("0.05"), new BigDecimal("0.15")),
                        tuple(new BigDecimal("1234.56"), new BigDecimal("2469.12")));
        assertThat(order.total()).isEqualTo(new BigDecimal("12469.27"));
        assertThat(all).containsExactlyElementsOf(pagesEndToEnd());
    }

    /** Every customer, read a page of four at a time through jOOQ. */
    private List<CustomersWithOrders.Row> pagesEndToEnd() {
        List<CustomersWithOrders.Row> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            var next = CustomersWithOrders.page(new PageRequest(page, 4)).fetch(shop);
            rows.addAll(next);
            if (next.size() < 4) {
                return rows;
            }
        }
    }
}
