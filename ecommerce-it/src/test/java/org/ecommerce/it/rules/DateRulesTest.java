package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dates and timestamps lie between 1800-01-01 and the end of 9999 (timestamps in UTC), so that both
 * engines store and read back the same day.
 */
@OnBothEngines
class DateRulesTest {

    private static final String REGISTER_BORN = "INSERT INTO customer (email, name, birth_date, address_street, address_city, "
            + "address_postcode, address_country, password_hash) VALUES (?, 'Ada', ?, '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)";

    private final PlainSql sql;
    private final PlainShop shop;

    DateRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void aBirthDateOutsideTheYears1800To9999IsRefused() throws Exception {
        for (LocalDate outside : new LocalDate[] {LocalDate.of(-5000, 1, 1), LocalDate.of(1799, 12, 31), LocalDate.of(10_000, 1, 1)}) {
            sql.assertRefused("customer_birth_date_in_range", REGISTER_BORN, PlainShop.unique("old") + "@example.com",
                    outside, PlainShop.SOME_HASH);
        }
        // written as a literal too, the value converted by no driver
        sql.assertRefused("customer_birth_date_in_range", REGISTER_BORN.replace("'Ada', ?,", "'Ada', DATE '1799-12-31',"),
                PlainShop.unique("old") + "@example.com", PlainShop.SOME_HASH);
    }

    @Test
    void theFirstAndLastDayOfTheRangeAreBirthDatesReadBackAsStored() throws Exception {
        for (LocalDate edge : new LocalDate[] {LocalDate.of(1800, 1, 1), LocalDate.of(9999, 12, 31)}) {
            String email = PlainShop.unique("edge") + "@example.com";
            sql.update(REGISTER_BORN, email, edge, PlainShop.SOME_HASH);
            assertThat(sql.value("SELECT CAST(birth_date AS VARCHAR(20)) FROM customer WHERE email = ?", email))
                    .isEqualTo(edge.toString());
        }
    }

    @Test
    void aTimestampOutsideTheRangeInUtcIsRefused() throws Exception {
        long customer = shop.customer();
        long card = shop.creditCard(customer);
        String placeOrder = "INSERT INTO orders (customer_id, payment_method_id, placed_at) VALUES (?, ?, ?)";

        sql.assertRefused("orders_placed_at_in_range", placeOrder, customer, card,
                OffsetDateTime.of(1799, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC));
        // 1800-01-01 00:30 at +01:00 is still 1799 in UTC
        sql.assertRefused("orders_placed_at_in_range", placeOrder, customer, card,
                OffsetDateTime.of(1800, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1)));
        sql.assertRefused("orders_placed_at_in_range", placeOrder, customer, card,
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(sql.update(placeOrder, customer, card, OffsetDateTime.of(1800, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))).isOne();
    }

    @Test
    void theOtherDatesPeopleTypeAreRefusedOutsideTheRangeToo() throws Exception {
        long customer = shop.customer();
        long order = shop.order(customer, shop.creditCard(customer));
        long product = shop.product(5, "2.00");
        shop.line(order, product, 1, "2.00");

        long giftCard = shop.nextPaymentMethodId();
        sql.update("INSERT INTO gift_card (payment_method_id, serial, initial_amount, balance) VALUES (?, ?, 5.00, 5.00)",
                giftCard, PlainShop.unique("GC-"));
        sql.assertRefused("payment_method_expires_on_in_range",
                "INSERT INTO payment_method (id, customer_id, kind, expires_on) VALUES (?, ?, 'gift_card', ?)",
                giftCard, customer, LocalDate.of(10_000, 1, 31));
        sql.assertRefused("delivery_expected_on_in_range", "INSERT INTO delivery (order_id, tracking_number, address_street, "
                + "address_city, address_postcode, address_country, expected_on) VALUES (?, ?, '1 Main St', 'Leeds', 'LS1 1AA', "
                + "'GB', ?)", order, PlainShop.unique("TRK-"), LocalDate.of(1799, 1, 1));
        sql.assertRefused("order_return_started_on_in_range",
                "INSERT INTO order_return (order_id, ticket_number, started_on, due_on) VALUES (?, ?, ?, ?)",
                order, PlainShop.unique("RT-"), LocalDate.of(1799, 1, 1), LocalDate.of(2030, 1, 1));
        sql.assertRefused("interaction_occurred_at_in_range",
                "INSERT INTO interaction (customer_id, product_id, type_id, occurred_at) VALUES (?, ?, 1, ?)",
                customer, product, OffsetDateTime.of(1799, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }
}
