package org.ecommerce.it.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.CustomersWithOrders;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomersWithOrders#all()} is read differently from every other question on PostgreSQL
 * (the text stream of {@code COPY (query) TO STDOUT}, so that the whole order history is read in
 * bounded memory and in parallel); its pages are read through jOOQ like the rest. Both must give
 * the same rows, whatever the text holds.
 */
@OnBothEngines
class CustomersWithOrdersReadingTest {

    private final Ecommerce shop;
    private final AnalyticsShop given;

    CustomersWithOrdersReadingTest(TestDatabase db) {
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
        var pages = new java.util.ArrayList<CustomersWithOrders.Row>();
        pages.addAll(CustomersWithOrders.page(new PageRequest(0, 4)).fetch(shop));
        pages.addAll(CustomersWithOrders.page(new PageRequest(1, 4)).fetch(shop));
        assertThat(all).hasSize(6).containsExactlyElementsOf(pages);
        assertThat(all.get(0).orders()).isNotEmpty();
    }
}
