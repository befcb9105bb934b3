package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Payment methods: each exactly one kind with its card row, non-negative gift-card balances, one default per customer. */
@OnBothEngines
class PaymentRulesTest {

    private final PlainSql sql;
    private final PlainShop shop;

    PaymentRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void aGiftCardCanBeSpentDownToZeroButNotBelow() throws Exception {
        long card = shop.giftCard(shop.customer(), "25.00");

        assertThat(sql.update("UPDATE gift_card SET balance = balance - 25.00 WHERE payment_method_id = ?", card)).isOne();
        sql.assertRefused("gift_card_balance_not_negative",
                "UPDATE gift_card SET balance = balance - 0.01 WHERE payment_method_id = ?", card);

        assertThat(sql.decimal("SELECT balance FROM gift_card WHERE payment_method_id = ?", card)).isEqualByComparingTo("0");
    }

    @Test
    void aPaymentMethodKindOutsideTheSetIsRefused() throws Exception {
        long customer = shop.customer();

        sql.assertRefused("payment_method_kind_known",
                "INSERT INTO payment_method (customer_id, kind) VALUES (?, 'paypal')", customer);
    }

    @Test
    void aPaymentMethodWithoutItsCardRowIsRefused() throws Exception {
        // given a customer
        long customer = shop.customer();

        // when a payment method is inserted without its credit card or gift card row, then it is refused
        sql.assertRefused("payment_method_credit_card_fk",
                "INSERT INTO payment_method (customer_id, kind) VALUES (?, 'credit_card')", customer);
        sql.assertRefused("payment_method_gift_card_fk",
                "INSERT INTO payment_method (id, customer_id, kind) VALUES (?, ?, 'gift_card')",
                shop.nextPaymentMethodId(), customer);

        // and the customer has no payment method that is neither kind
        assertThat(sql.longValue("SELECT COUNT(*) FROM payment_method WHERE customer_id = ?", customer)).isZero();
    }

    @Test
    void aCreditCardCannotAlsoBeAGiftCard() throws Exception {
        // given a credit card, and a gift-card row with its id that no payment method takes
        long card = shop.creditCard(shop.customer());
        sql.update("INSERT INTO gift_card (payment_method_id, serial, initial_amount, balance) VALUES (?, 'GC-X1', 10.00, 10.00)",
                card);

        // when the method is turned into a gift card, then it is refused
        sql.assertRefused("payment_method_kind_fixed", "UPDATE payment_method SET kind = 'gift_card' WHERE id = ?", card);
        // and lying about a card row's kind is refused too
        sql.assertRefused("gift_card_is_gift_card",
                "INSERT INTO gift_card (payment_method_id, kind, serial, initial_amount, balance) "
                        + "VALUES (?, 'credit_card', 'GC-X2', 10.00, 10.00)", shop.nextPaymentMethodId());

        // then the method is still a credit card
        assertThat(sql.value("SELECT kind FROM payment_method WHERE id = ?", card)).isEqualTo("credit_card");
    }

    @Test
    void aPaymentMethodKeepsItsIdSoItsOrdersNeverPassToAMethodOfAnotherKind() throws Exception {
        // given a credit card that paid an order
        long customer = shop.customer();
        long card = shop.creditCard(customer);
        long order = shop.order(customer, card);

        // when the method is renumbered (one step of swapping it with a gift card's id in one statement)
        sql.assertRefused("payment_method_kind_fixed", "UPDATE payment_method SET id = ? WHERE id = ?", card + 1_000_000, card);

        // then the order is still paid by the credit card
        assertThat(sql.longValue("SELECT payment_method_id FROM orders WHERE id = ?", order)).isEqualTo(card);
        assertThat(sql.value("SELECT kind FROM payment_method WHERE id = ?", card)).isEqualTo("credit_card");
    }

    @Test
    void aGiftCardCannotAlsoBeACreditCard() throws Exception {
        long giftCard = shop.giftCard(shop.customer(), "10.00");
        sql.update("INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, processor_token) "
                + "VALUES (?, 'visa', 'Ada', '1234', 'tok_both')", giftCard);

        sql.assertRefused("payment_method_kind_fixed", "UPDATE payment_method SET kind = 'credit_card' WHERE id = ?", giftCard);

        assertThat(sql.value("SELECT kind FROM payment_method WHERE id = ?", giftCard)).isEqualTo("gift_card");
    }

    @Test
    void aCustomerHasAtMostOneDefaultPaymentMethod() throws Exception {
        long customer = shop.customer();
        long first = shop.creditCard(customer);
        long second = shop.creditCard(customer);
        assertThat(sql.update("UPDATE payment_method SET is_default = TRUE WHERE id = ?", first)).isOne();

        sql.assertRefused("payment_method_one_default",
                "UPDATE payment_method SET is_default = TRUE WHERE id = ?", second);

        // another customer's default is independent
        long other = shop.creditCard(shop.customer());
        assertThat(sql.update("UPDATE payment_method SET is_default = TRUE WHERE id = ?", other)).isOne();
    }

    @Test
    void onlyTheLastFourDigitsOfACardAreAccepted() throws Exception {
        long method = shop.nextPaymentMethodId();

        sql.assertRefused("credit_card_last_four_digits",
                "INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, processor_token) "
                        + "VALUES (?, 'visa', 'Ada', '42x2', 'tok_bad')", method);
    }

    @Test
    void aCreditCardRowGoesOnlyWithItsPaymentMethod() throws Exception {
        // given a credit card
        long method = shop.creditCard(shop.customer());

        // when its credit_card row is deleted
        sql.assertRefused("credit_card_kept", "DELETE FROM credit_card WHERE payment_method_id = ?", method);

        // then the method is still a credit card
        assertThat(sql.longValue("SELECT COUNT(*) FROM credit_card WHERE payment_method_id = ?", method)).isOne();
    }

    @Test
    void aGiftCardRowNeverMovesToAnotherPaymentMethod() throws Exception {
        // given a gift card, and a free payment method id
        long method = shop.giftCard(shop.customer(), "50.00");
        long bare = shop.nextPaymentMethodId();

        // when its gift_card row is deleted, or moved to the free id
        sql.assertRefused("gift_card_kept", "DELETE FROM gift_card WHERE payment_method_id = ?", method);
        sql.assertRefused("gift_card_kept", "UPDATE gift_card SET payment_method_id = ? WHERE payment_method_id = ?",
                bare, method);

        // then it stays with its method
        assertThat(sql.decimal("SELECT balance FROM gift_card WHERE payment_method_id = ?", method)).isEqualByComparingTo("50.00");
        assertThat(sql.longValue("SELECT COUNT(*) FROM gift_card WHERE payment_method_id = ?", bare)).isZero();
    }
}
