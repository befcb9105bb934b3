package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecommerce.dao.PasswordHasher;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer accounts: one per email whatever its case, and a password, if any yet, only as an Argon2id PHC string. */
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
    void onlyAWellFormedArgon2idPhcStringIsAPasswordHash() throws Exception {
        String salt = "c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0";
        String hash = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
        String[] refused = {"$plain$hunter2", "$$", "$argon2id$", "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=0,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$aGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash + "=",
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "!$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash + "\nhunter2",
                " $argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash + "\n"};
        for (String value : refused) {
            sql.assertRefused("customer_password_is_hash", REGISTER, PlainShop.unique("ada") + "@example.com", value);
        }
    }

    @Test
    void aCustomerMayHaveNoPasswordHashYetButNeverAnEmptyOne() throws Exception {
        // given a customer written with no password hash
        String email = PlainShop.unique("ada") + "@example.com";

        // when it is inserted, then the row is accepted with no hash
        sql.insert(REGISTER, email, null);
        assertThat(sql.value("SELECT password_hash FROM customer WHERE email = ?", email)).isNull();

        // and an empty text is no hash: the PHC rule still refuses it
        sql.assertRefused("customer_password_is_hash", REGISTER, PlainShop.unique("ada") + "@example.com", "");
    }

    @Test
    void theHashesThePasswordHasherWritesAreAccepted() throws Exception {
        PasswordHasher hasher = PasswordHasher.argon2id(1024, 1, 1);
        for (String password : new String[] {"correct horse", "hunter2!", "пароль-ünïcode"}) {
            shop.customerWithHash(PlainShop.unique("ada") + "@example.com", hasher.hash(password));
        }
        assertThat(sql.longValue("SELECT COUNT(*) FROM customer")).isPositive();
    }

    @Test
    void anAddressMustNameAnIsoCountry() throws Exception {
        sql.assertRefused("customer_country_iso",
                "INSERT INTO customer (email, name, address_street, address_city, address_postcode, address_country, "
                        + "password_hash) VALUES (?, 'Ada', '1 Main St', 'Leeds', 'LS1', 'gb', ?)",
                PlainShop.unique("ada") + "@example.com", PlainShop.SOME_HASH);
    }
}
