package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PasswordNotSetException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.RegisterCustomerWithoutPassword;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Customers and products added in bulk: each as adding it alone would make it, in the order given,
 * all of a call or none of it.
 */
@OnBothEngines
class BulkRegistrationTest {

    private final TestDatabase db;
    private final Ecommerce shop;

    BulkRegistrationTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void customersRegisteredInBulkAreTheAccountsRegisteringEachAloneOpens() throws Exception {
        // given 2 500 registrations (three INSERTs), with and without the optional fields
        String prefix = ShopFixtures.unique("bulk");
        List<RegisterCustomerWithoutPassword> registrations = registrations(prefix, 2_500);

        // when they are registered in one call
        List<Customer> registered = shop.customers().registerAllWithoutPassword(registrations);

        // then each is the account its registration describes, in the order given, under its own id
        assertThat(registered).hasSize(registrations.size());
        for (int i = 0; i < registrations.size(); i++) {
            RegisterCustomerWithoutPassword given = registrations.get(i);
            Customer customer = registered.get(i);
            assertThat(customer.email()).isEqualTo(given.email());
            assertThat(customer.name()).isEqualTo(given.name());
            assertThat(customer.birthDate()).isEqualTo(given.birthDate());
            assertThat(customer.gender()).isEqualTo(given.gender());
            assertThat(customer.phone()).isEqualTo(given.phone());
            assertThat(customer.address()).isEqualTo(given.address());
        }
        assertThat(registered).extracting(Customer::id).doesNotHaveDuplicates();
        // found by email in any letter case, as stored; and without a password until one is set
        Customer last = registered.getLast();
        assertThat(shop.customers().findByEmail(last.email().toUpperCase())).contains(last);
        assertThat(shop.customers().get(registered.getFirst().id())).isEqualTo(registered.getFirst());
        assertThatThrownBy(() -> shop.customers().authenticate(last.email(), "any password at all"))
                .isInstanceOf(PasswordNotSetException.class);
        shop.customers().setPassword(last.id(), "correct horse battery staple");
        assertThat(shop.customers().authenticate(last.email(), "correct horse battery staple")).contains(last);
    }

    @Test
    void aBulkWithAnEmailTakenOrGivenTwiceOpensNoAccount() throws Exception {
        // given a customer, and 1 500 registrations of which the 1 201st takes her email in capitals
        Customer taken = new ShopFixtures(shop).customer();
        String prefix = ShopFixtures.unique("taken");
        List<RegisterCustomerWithoutPassword> withTaken = new ArrayList<>(registrations(prefix, 1_500));
        withTaken.set(1_200, registration(taken.email().toUpperCase(), "Taken", null, null));
        // and 10 others of which two share an email but for its case
        String twicePrefix = ShopFixtures.unique("twice");
        List<RegisterCustomerWithoutPassword> twice = new ArrayList<>(registrations(twicePrefix, 10));
        twice.set(9, registration(twice.get(3).email().toUpperCase(), "Twice", null, null));

        // when each is registered in bulk, then each is refused on its email, and no account is opened
        DuplicateException takenRefused = catchThrowableOfType(DuplicateException.class,
                () -> shop.customers().registerAllWithoutPassword(withTaken));
        assertThat(takenRefused.field()).isEqualTo("email");
        DuplicateException twiceRefused = catchThrowableOfType(DuplicateException.class,
                () -> shop.customers().registerAllWithoutPassword(twice));
        assertThat(twiceRefused.field()).isEqualTo("email");
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM customer WHERE email LIKE ? OR email LIKE ?",
                    prefix + "%", twicePrefix + "%")).isZero();
        }
    }

    @Test
    void aMissingRegistrationIsNamedByItsPlaceAndNothingIsWritten() throws Exception {
        // given three registrations of which the third is missing
        String prefix = ShopFixtures.unique("gap");
        List<RegisterCustomerWithoutPassword> registrations = Arrays.asList(registration(prefix + "-0@example.com", "A", null, null),
                registration(prefix + "-1@example.com", "B", null, null), null);

        // when they are registered, then the error names the missing one, and nothing is written
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> shop.customers().registerAllWithoutPassword(registrations));
        assertThat(refused.field()).isEqualTo("registrations[2]");
        assertThat(catchThrowableOfType(ValidationException.class, () -> shop.customers().registerAllWithoutPassword(null)).field())
                .isEqualTo("registrations");
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM customer WHERE email LIKE ?", prefix + "%")).isZero();
        }
    }

    @Test
    void aBulkRegistrationInsideATransactionIsRolledBackWithIt() throws Exception {
        // given registrations made in a transaction that then fails
        String prefix = ShopFixtures.unique("rolledback");
        List<RegisterCustomerWithoutPassword> registrations = registrations(prefix, 20);

        // when the transaction fails after the bulk
        assertThatThrownBy(() -> shop.runInTransaction(tx -> {
            assertThat(tx.customers().registerAllWithoutPassword(registrations)).hasSize(20);
            throw new IllegalStateException("the caller's later step fails");
        })).hasMessage("the caller's later step fails");

        // then none of the accounts exists
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM customer WHERE email LIKE ?", prefix + "%")).isZero();
        }
    }

    @Test
    void productsAddedInBulkAreTheProductsAddingEachAloneMakes() {
        // given a brand, two categories, and 1 200 products (two INSERTs) over them
        long brand = shop.catalog().addBrand(ShopFixtures.unique("Bulk brand ")).id();
        long[] categories = {shop.catalog().addCategory(ShopFixtures.unique("Bulk category ")).id(),
                shop.catalog().addCategory(ShopFixtures.unique("Bulk category ")).id()};
        List<NewProduct> products = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            products.add(new NewProduct("Bulk product " + i, i % 2 == 0 ? null : "Described " + i, brand, categories[i % 2],
                    new BigDecimal(i + ".25"), i % 7));
        }

        // when they are added in one call
        List<Product> added = shop.catalog().addProducts(products);

        // then each is the product its description gives, in the order given, as the catalogue reads it
        assertThat(added).hasSize(products.size());
        for (int i = 0; i < products.size(); i++) {
            NewProduct given = products.get(i);
            Product product = added.get(i);
            assertThat(product).extracting(Product::name, Product::description, Product::brandId, Product::categoryId,
                    Product::price, Product::stock).containsExactly(given.name(), given.description(), given.brandId(),
                    given.categoryId(), given.price(), given.initialStock());
        }
        assertThat(added).extracting(Product::id).doesNotHaveDuplicates();
        assertThat(shop.catalog().get(added.get(777).id())).isEqualTo(added.get(777));
    }

    @Test
    void aBulkOfProductsWithAnUnknownBrandAddsNone() throws Exception {
        // given 1 100 products of which the last names a brand that does not exist
        long brand = shop.catalog().addBrand(ShopFixtures.unique("Known brand ")).id();
        long category = shop.catalog().addCategory(ShopFixtures.unique("Known category ")).id();
        String name = ShopFixtures.unique("Unknown-brand product ");
        List<NewProduct> products = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            products.add(new NewProduct(name + i, null, i == 1_099 ? 999_999_999L : brand, category, BigDecimal.ONE, 1));
        }

        // when they are added, then the brand is reported missing, and no product is added
        NotFoundException refused = catchThrowableOfType(NotFoundException.class, () -> shop.catalog().addProducts(products));
        assertThat(refused.entity()).isEqualTo("brand");
        try (PlainSql sql = new PlainSql(db.dataSource())) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM product WHERE name LIKE ?", name + "%")).isZero();
        }
    }

    private static List<RegisterCustomerWithoutPassword> registrations(String prefix, int count) {
        List<RegisterCustomerWithoutPassword> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            registrations.add(i % 2 == 0
                    ? registration(prefix + "-" + i + "@example.com", "Customer " + i, LocalDate.of(1980, 1, 1).plusDays(i), "+44 113 " + i)
                    : registration(prefix + "-" + i + "@example.com", "Customer " + i, null, null));
        }
        return registrations;
    }

    private static RegisterCustomerWithoutPassword registration(String email, String name, LocalDate birthDate, String phone) {
        return new RegisterCustomerWithoutPassword(email, name, birthDate, birthDate == null ? Gender.UNDISCLOSED : Gender.FEMALE,
                phone, Address.of(name.length() + " Main St", "Leeds", "LS1 1AA", "GB"));
    }
}
