package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PasswordNotSetException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.RegisterCustomerWithoutPassword;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** An account opened without a password: it exists, but nobody signs in to it until a password is set. */
@OnBothEngines
class CustomerWithoutPasswordTest {

    private final TestDatabase db;
    private final Ecommerce shop;

    CustomerWithoutPasswordTest(TestDatabase db) {
        this.db = db;
        shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void aCustomerRegisteredWithoutAPasswordCannotSignInUntilOneIsSet() {
        // given a customer registered without a password
        String email = ShopFixtures.unique("grace") + "@example.com";
        Customer customer = shop.customers().registerWithoutPassword(withoutPassword(email));

        // when they try to sign in, then the refusal says that the account has no password yet
        PasswordNotSetException refused = catchThrowableOfType(PasswordNotSetException.class,
                () -> shop.customers().authenticate(email, "any password at all"));
        assertThat(refused.customerId()).isEqualTo(customer.id());

        // when a password is set through the API, then it signs them in, and no other does
        shop.customers().setPassword(customer.id(), "correct horse battery staple");
        assertThat(shop.customers().authenticate(email.toUpperCase(), "correct horse battery staple"))
                .get().extracting(Customer::id).isEqualTo(customer.id());
        assertThat(shop.customers().authenticate(email, "any password at all")).isEmpty();
    }

    @Test
    void settingAPasswordReplacesTheOneBefore() {
        // given a customer with a password
        Customer customer = new ShopFixtures(shop).customer();

        // when a new one is set
        shop.customers().setPassword(customer.id(), "a brand new passphrase");

        // then only the new one signs them in
        assertThat(shop.customers().authenticate(customer.email(), ShopFixtures.PASSWORD)).isEmpty();
        assertThat(shop.customers().authenticate(customer.email(), "a brand new passphrase")).isPresent();
    }

    @Test
    void aPasswordOutsideEightTo128CharactersIsRefusedByFieldAndTheAccountStaysWithoutOne() {
        // given a customer without a password
        String email = ShopFixtures.unique("ada") + "@example.com";
        Customer customer = shop.customers().registerWithoutPassword(withoutPassword(email));

        // when a too short, a too long and no password are set, then each is refused naming the field
        for (String password : new String[] {"short", "x".repeat(129), null}) {
            ValidationException refused = catchThrowableOfType(ValidationException.class,
                    () -> shop.customers().setPassword(customer.id(), password));
            assertThat(refused.field()).isEqualTo("password");
        }

        // and the account still has no password
        assertThatThrownBy(() -> shop.customers().authenticate(email, "short")).isInstanceOf(PasswordNotSetException.class);
    }

    @Test
    void settingThePasswordOfAnUnknownCustomerIsNotFound() {
        NotFoundException refused = catchThrowableOfType(NotFoundException.class,
                () -> shop.customers().setPassword(Long.MAX_VALUE, "correct horse battery staple"));

        assertThat(refused.entity()).isEqualTo("customer");
    }

    @Test
    void registeringWithoutAPasswordValidatesTheOtherFieldsAsRegisteringWithOne() {
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> new RegisterCustomerWithoutPassword("not an email", "Ada", null, null, null,
                        Address.of("1 Main St", "Leeds", "LS1 1AA", "GB")));

        assertThat(refused.field()).isEqualTo("email");
    }

    @Test
    void anEmailAddressTheDatabaseAcceptsTheLibraryAcceptsAndOneItRefusesTheLibraryRefusesByField() throws Exception {
        // given an address on a host without a dot, which the database's email rule allows
        // (unique in base 36: a decimal nanoTime is a 13 to 19 digit run, which may pass Luhn as a card number)
        String local = "ops-" + Long.toString(System.nanoTime(), 36) + "@localhost";

        // when it is registered through the library, then it is taken as the database takes it
        assertThat(shop.customers().registerWithoutPassword(withoutPassword(local)).email()).isEqualTo(local);

        // and an address with a space, which the database refuses, is refused by the library naming the field
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> withoutPassword("ada @example.com"));
        assertThat(refused.field()).isEqualTo("email");
        // as plain SQL is refused by the rule itself
        try (PlainSql sql = new PlainSql(db)) {
            sql.assertRefused("customer_email_format", "UPDATE customer SET email = ? WHERE email = ?", "ada @example.com", local);
        }
    }

    private static RegisterCustomerWithoutPassword withoutPassword(String email) {
        return new RegisterCustomerWithoutPassword(email, "Grace", null, Gender.UNDISCLOSED, null,
                Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"));
    }
}
