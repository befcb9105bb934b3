package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.PaymentMethod;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A shop migrated before payment methods referred to their card rows keeps its payment methods
 * through the upgrade, and new ones take ids past the old ones.
 */
@OnBothEngines
class PaymentMethodUpgradeTest {

    private final TestDatabase db;

    PaymentMethodUpgradeTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void upgradingKeepsEachPaymentMethodWithItsCardAndNewMethodsTakeNewIds() throws Exception {
        // given a shop at schema version 50 with a credit card and a gift card, written method first as then
        DataSource database = db.newEmptyDatabase("payment_upgrade");
        Flyway.configure(EcommerceSchema.class.getClassLoader()).dataSource(database)
                .locations(Engine.COMMON_LOCATION, db.engine().migrationLocation())
                .table(MigrationOptions.DEFAULT_HISTORY_TABLE).target("50").load().migrate();
        long creditCard;
        long giftCard;
        try (PlainSql sql = new PlainSql(database)) {
            long customer = sql.insert("INSERT INTO customer (email, name, address_street, address_city, address_postcode, "
                    + "address_country) VALUES ('upgrade@example.com', 'Ada Buyer', '1 Main St', 'Leeds', 'LS1 1AA', 'GB')");
            creditCard = sql.insert("INSERT INTO payment_method (customer_id, kind, is_default) VALUES (?, 'credit_card', TRUE)",
                    customer);
            sql.update("INSERT INTO credit_card (payment_method_id, brand, holder_name, last_four, processor_token) "
                    + "VALUES (?, 'visa', 'Ada Buyer', '4242', 'tok_upgrade')", creditCard);
            giftCard = sql.insert("INSERT INTO payment_method (customer_id, kind) VALUES (?, 'gift_card')", customer);
            sql.update("INSERT INTO gift_card (payment_method_id, serial, initial_amount, balance) "
                    + "VALUES (?, 'GC-UPGRADE', 30.00, 12.50)", giftCard);
        }

        // when the library migrates it to its latest version
        EcommerceSchema.migrate(database);

        // then both methods are still there, each with its card
        Ecommerce shop = Ecommerce.create(database);
        long customer = shop.customers().findByEmail("upgrade@example.com").orElseThrow().id();
        assertThat(shop.customers().paymentMethods(customer)).extracting(PaymentMethod::id).containsExactly(creditCard, giftCard);
        assertThat(shop.customers().paymentMethods(customer)).filteredOn(m -> m.id() == giftCard).singleElement()
                .isInstanceOfSatisfying(GiftCard.class, g -> assertThat(g.balance()).isEqualByComparingTo("12.50"));

        // and a new payment method takes an id past theirs
        GiftCard added = shop.customers().addGiftCard(customer,
                new NewGiftCard("GC-AFTER", new BigDecimal("20.00"), LocalDate.of(2031, 1, 31)));
        assertThat(added.id()).isGreaterThan(Math.max(creditCard, giftCard));
    }
}
