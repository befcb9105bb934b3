package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.YearMonth;

import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.h2.CardNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No free-text or token column keeps a pasted payment card number, whoever writes it. */
@OnBothEngines
class CardNumberRulesTest {

    /** A Luhn-valid test card number (Visa's), and the same with one digit changed. */
    private static final String CARD = "4111111111111111";
    private static final String NOT_LUHN = "4111111111111112";
    private static final String ADD_CARD = "INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, "
            + "processor_token) VALUES (?, 'visa', ?, '1111', ?)";

    private final PlainSql sql;
    private final PlainShop shop;

    CardNumberRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    /** The id a new card's row takes: written before its payment method. */
    private long newCardMethod() throws Exception {
        return shop.nextPaymentMethodId();
    }

    @Test
    void aCardNumberAsProcessorTokenIsRefused() throws Exception {
        // given a card payment method, when its token is a card number, plain or grouped
        long method = newCardMethod();

        // then the database refuses each
        sql.assertRefused("credit_card_no_card_number", ADD_CARD, method, "Ada Buyer", CARD);
        sql.assertRefused("credit_card_no_card_number", ADD_CARD, method, "Ada Buyer", "4111 1111 1111 1111");
        sql.assertRefused("credit_card_no_card_number", ADD_CARD, method, "Ada Buyer", "tok_4111-1111-1111-1111");
    }

    @Test
    void aCardNumberInsideTheHolderNameIsRefused() throws Exception {
        long method = newCardMethod();

        sql.assertRefused("credit_card_no_card_number", ADD_CARD, method, "Ada " + CARD + " Buyer", PlainShop.unique("tok_"));
    }

    @Test
    void aCardNumberInAReviewACustomerOrADeliveryAddressIsRefused() throws Exception {
        long customer = shop.customer();
        long product = shop.product(5, "10.00");
        long order = shop.purchase(customer, product, 1);

        sql.assertRefused("review_no_card_number", "INSERT INTO review (customer_id, product_id, rating, body) VALUES (?, ?, 5, ?)",
                customer, product, "great, paid with 5555 5555 5555 4444 exp 12/30");
        sql.assertRefused("customer_no_card_number", "UPDATE customer SET name = ? WHERE id = ?", "Ada " + CARD, customer);
        sql.assertRefused("delivery_no_card_number", "INSERT INTO delivery (order_id, tracking_number, address_street, "
                + "address_city, address_postcode, address_country) VALUES (?, ?, ?, 'Leeds', 'LS1 1AA', 'GB')",
                order, PlainShop.unique("TRK"), CARD);
        sql.assertRefused("order_return_no_card_number", "INSERT INTO order_return (order_id, ticket_number, started_on, "
                + "due_on, reason) VALUES (?, ?, DATE '2026-11-01', DATE '2026-11-30', ?)", order, PlainShop.unique("RT"), CARD);
    }

    @Test
    void digitsThatAreNotACardNumberAreKept() throws Exception {
        // given runs that fail Luhn, are too short or too long, or are broken by two spaces
        long method = newCardMethod();

        // when they are written, then they are stored
        sql.update(ADD_CARD, method, "Ada Buyer", "tok_" + NOT_LUHN);
        assertThat(sql.longValue("SELECT COUNT(*) FROM credit_card WHERE processor_token = ?", "tok_" + NOT_LUHN)).isEqualTo(1);
        long customer = shop.customer();
        for (String text : new String[] {"order 411111111111", "ref " + CARD + "0000", "4111  1111  1111  1111"}) {
            assertThat(sql.update("UPDATE customer SET name = ? WHERE id = ?", text, customer)).isEqualTo(1);
        }
    }

    @Test
    void theEnginesAndTheJavaCheckAgreeOnEachSample() throws Exception {
        String[] samples = {CARD, NOT_LUHN, "4111 1111 1111 1111", "4111-1111-1111-1111", "4111  1111 1111 1111",
                "378282246310005", "6011111111111117", "1234567812345670", "12345678123456700", "x5555555555554444y",
                "4111111111111", "4222222222222", "", "no digits", "4111 1111 1111 1111 12 25"};
        for (String sample : samples) {
            Object inDatabase = sql.value("SELECT contains_card_number(?)", sample);
            assertThat(inDatabase).as(sample).isEqualTo(CardNumbers.contains(sample));
        }
    }

    @Test
    void theApiNamesTheFieldThatHoldsACardNumber() {
        Address street = new Address(null, "1 Main St", "Leeds", null, "LS1 1AA", "GB");

        assertField("processorToken", () -> new NewCreditCard("visa", "Ada", "1111", YearMonth.of(2031, 1), CARD));
        assertField("holderName", () -> new NewCreditCard("visa", "Ada " + CARD, "1111", YearMonth.of(2031, 1), "tok_1"));
        assertField("body", () -> new AddReview(1, 1, 5, "card 4111-1111-1111-1111"));
        assertField("name", () -> new RegisterCustomer("ada@example.com", CARD, null, null, null, street, "password1"));
        assertField("address.street", () -> new RegisterCustomer("ada@example.com", "Ada", null, null, null,
                new Address(null, CARD, "Leeds", null, "LS1 1AA", "GB"), "password1"));
    }

    private static void assertField(String field, Runnable command) {
        ValidationException refusal = catchThrowableOfType(ValidationException.class, command::run);
        assertThat(refusal).as(field).isNotNull();
        assertThat(refusal.field()).isEqualTo(field);
    }
}
