package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PasswordHasher;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.h2.EmailKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One account per email key (NFKC, full case folding, the same on both engines and whatever the
 * database's locale), computed by the database itself so that no writer can set it.
 */
@OnBothEngines
class EmailIdentityRulesTest {

    private static final String REGISTER = "INSERT INTO customer (email, name, address_street, address_city, "
            + "address_postcode, address_country, password_hash) VALUES (?, 'Ada', '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)";

    private final TestDatabase db;
    private final PlainSql sql;
    private final PlainShop shop;

    EmailIdentityRulesTest(TestDatabase db) throws Exception {
        this.db = db;
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    @Test
    void aLongSIsTheSameLetterAsS() throws Exception {
        String tag = PlainShop.unique("am");
        shop.customer("s" + tag + "@example.com");

        sql.assertRefused("customer_email_unique", REGISTER, "\u017F" + tag + "@example.com", PlainShop.SOME_HASH);
    }

    @Test
    void greekFinalAndNonFinalSigmaAreTheSameLetter() throws Exception {
        String tag = PlainShop.unique("");
        shop.customer("οδυσσευς" + tag + "@example.com");

        sql.assertRefused("customer_email_unique", REGISTER, "οδυσσευσ" + tag + "@example.com", PlainShop.SOME_HASH);
        sql.assertRefused("customer_email_unique", REGISTER, "ΟΔΥΣΣΕΥΣ" + tag + "@example.com", PlainShop.SOME_HASH);
    }

    @Test
    void aCapitalIWithDotAboveIsTheSameLetterAsI() throws Exception {
        String tag = PlainShop.unique("nes");
        shop.customer("i" + tag + "@example.com");

        sql.assertRefused("customer_email_unique", REGISTER, "\u0130" + tag + "@example.com", PlainShop.SOME_HASH);
        sql.assertRefused("customer_email_unique", REGISTER, "I\u0307" + tag + "@example.com", PlainShop.SOME_HASH);
    }

    @Test
    void accentedCapitalsAndCompatibilityFormsAreTheSameAddress() throws Exception {
        String tag = PlainShop.unique("mile");
        shop.customer("é" + tag + "@example.com");

        sql.assertRefused("customer_email_unique", REGISTER, "É" + tag.toUpperCase() + "@EXAMPLE.COM", PlainShop.SOME_HASH);
        sql.assertRefused("customer_email_unique", REGISTER, "e\u0301" + tag + "@example.com", PlainShop.SOME_HASH);
        sql.assertRefused("customer_email_unique", REGISTER, "é" + tag + "@ｅｘａｍｐｌｅ.com", PlainShop.SOME_HASH);
    }

    @Test
    void theKeyIsTheDatabasesOwnAndTheSameAsTheLibrarys() throws Exception {
        // given addresses that case mapping and normalisation change
        String[] emails = {"Sam@Example.com", "\u017Fam@example.com", "ΟΔΥΣΣΕΥΣ@example.com", "\u0130nes@example.com",
                "ÉMILE@example.com", "Straße@example.com", "\u212Aelvin@example.com", "ﬁle@example.com"};
        for (String email : emails) {
            long id = shop.customer(PlainShop.unique("") + email);
            Object key = sql.value("SELECT email_key FROM customer WHERE id = ?", id);
            // then the database's key is the one the library computes
            assertThat(key).as(email).isEqualTo(EmailKeys.of((String) sql.value("SELECT email FROM customer WHERE id = ?", id)));
        }
        // and no writer sets it
        assertThat((Object) catchThrowableOfType(java.sql.SQLException.class,
                () -> sql.update("UPDATE customer SET email_key = 'x' WHERE id = ?", shop.customer()))).isNotNull();
    }

    @Test
    void theApiReportsATakenKeyAsADuplicateEmailAndFindsTheAccountByAnyVariant() {
        Ecommerce ecommerce = Ecommerce.builder(db.dataSource()).passwordHasher(PasswordHasher.argon2id(1024, 1, 1)).build();
        Address home = Address.of("1 Main St", "Leeds", "LS1 1AA", "GB");
        String tag = PlainShop.unique("am");
        ecommerce.customers().register(new RegisterCustomer("s" + tag + "@example.com", "Sam", null, null, null, home,
                "correct horse"));

        DuplicateException taken = catchThrowableOfType(DuplicateException.class, () -> ecommerce.customers().register(
                new RegisterCustomer("\u017F" + tag.toUpperCase() + "@example.com", "Sam", null, null, null, home, "correct horse")));

        assertThat(taken).isNotNull();
        assertThat(taken.field()).isEqualTo("email");
        assertThat(ecommerce.customers().findByEmail("S" + tag.toUpperCase() + "@EXAMPLE.COM")).isPresent();
        assertThat(ecommerce.customers().authenticate("\u017F" + tag + "@example.com", "correct horse")).isPresent();
    }

    @Test
    void whateverTheDatabaseLocaleAccentedLettersMeetTheirCapitals() throws Exception {
        if (db.engine() == Engine.H2) {
            // H2 has no database locale: its one behaviour is the one to show
            try (PlainSql sql = new PlainSql(db.dataSource())) {
                String local = PlainShop.unique("émile");
                new PlainShop(sql).customer(local + "@example.com");
                sql.assertRefused("customer_email_unique", REGISTER, local.toUpperCase(java.util.Locale.ROOT) + "@example.com",
                        PlainShop.SOME_HASH);
            }
            return;
        }
        // given a PostgreSQL database whose LC_CTYPE is C, where lower('É') is 'É'
        String name = "email_c_locale_" + ProcessHandle.current().pid();
        try (Connection owner = db.ownerConnect(); Statement s = owner.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'");
        }
        try {
            Matcher url = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$").matcher(db.ownerUrl());
            assertThat(url.matches()).isTrue();
            PGSimpleDataSource cLocale = new PGSimpleDataSource();
            cLocale.setUrl(url.group(1) + name + (url.group(3) == null ? "" : url.group(3)));
            EcommerceSchema.migrate(cLocale);
            try (PlainSql there = new PlainSql(cLocale)) {
                assertThat(there.value("SELECT lower('ÉMILE')")).isEqualTo("Émile");
                new PlainShop(there).customer("émile@example.com");

                // then ÉMILE is refused beside émile
                there.assertRefused("customer_email_unique", REGISTER, "ÉMILE@example.com", PlainShop.SOME_HASH);
            }
        } finally {
            try (Connection owner = db.ownerConnect(); Statement s = owner.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
