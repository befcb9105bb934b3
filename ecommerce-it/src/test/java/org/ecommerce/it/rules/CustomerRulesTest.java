package org.ecommerce.it.rules;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer accounts: one per email whatever its case, and never a clear-text password. */
@OnBothEngines
class CustomerRulesTest {

    private static final String REGISTER = "INSERT INTO customer (email, name, address_street, address_city, "
            + "address_postcode, address_country, password_hash) VALUES (?, 'Ada', '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)";

    private final PlainSql sql;
    private final PlainShop shop;

    CustomerRulesTest(TestDatabase db) throws Exception {
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void anEmailDifferingOnlyInLetterCaseIsTaken() throws Exception {
        String email = PlainShop.unique("Ada.Lovelace") + "@Example.com";
        shop.customer(email);

        sql.assertRefused("customer_email_unique", REGISTER, email.toLowerCase(), PlainShop.SOME_HASH);
        sql.assertRefused("customer_email_unique", REGISTER, email.toUpperCase(), PlainShop.SOME_HASH);
    }

    @Test
    void aClearTextPasswordIsRefused() throws Exception {
        sql.assertRefused("customer_password_is_hash", REGISTER, PlainShop.unique("ada") + "@example.com", "hunter2");
    }

    @Test
    void anAddressMustNameAnIsoCountry() throws Exception {
        sql.assertRefused("customer_country_iso",
                "INSERT INTO customer (email, name, address_street, address_city, address_postcode, address_country, "
                        + "password_hash) VALUES (?, 'Ada', '1 Main St', 'Leeds', 'LS1', 'gb', ?)",
                PlainShop.unique("ada") + "@example.com", PlainShop.SOME_HASH);
    }
}
