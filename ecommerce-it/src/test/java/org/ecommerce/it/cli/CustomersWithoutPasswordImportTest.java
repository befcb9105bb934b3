package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PasswordNotSetException;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.RegisterCustomerWithoutPassword;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customers whose password_hash is empty import as customers without a password yet: they
 * cannot sign in until a password is set through the API.
 */
@OnBothEngines
class CustomersWithoutPasswordImportTest {

    private static final String HEADER = "\"id\",\"email\",\"name\",\"address_street\",\"address_city\",\"address_postcode\","
            + "\"address_country\",\"password_hash\"\n";

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    CustomersWithoutPasswordImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void anExportedCustomerWithoutAPasswordImportsWithoutOneAndSignsInOnceOneIsSet() {
        // given a shop with a customer registered without a password, exported with its secrets
        String email = ShopFixtures.unique("grace") + "@example.com";
        shop.customers().registerWithoutPassword(new RegisterCustomerWithoutPassword(email, "Grace", null,
                Gender.UNDISCLOSED, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB")));
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets");
        assertThat(export.exitCode()).as(export.toString()).isZero();

        // when it is imported into an empty database
        String copyUrl = db.newEmptyDatabaseUrl("nopassword");
        CliRun load = CliRun.of("import", dir.toString(), "--jdbc-url", copyUrl);

        // then the customer is there without a password, and signs in once one is set
        assertThat(load.exitCode()).as(load.toString()).isZero();
        Ecommerce copy = Ecommerce.create(DemoCommandTest.dataSource(copyUrl));
        assertThatThrownBy(() -> copy.customers().authenticate(email, "correct horse battery staple"))
                .isInstanceOf(PasswordNotSetException.class);
        Customer imported = copy.customers().findByEmail(email).orElseThrow();
        copy.customers().setPassword(imported.id(), "correct horse battery staple");
        assertThat(copy.customers().authenticate(email, "correct horse battery staple")).isPresent();
    }

    @Test
    void anEmptyPasswordHashQuotedOrNotImportsAsACustomerWithoutAPasswordYet() throws Exception {
        // given a shop that already holds customers, and a file of new ones: one with no hash, one
        // with an empty quoted hash
        new ShopFixtures(shop).customer();
        String plain = ShopFixtures.unique("plain") + "@example.com";
        String quoted = ShopFixtures.unique("quoted") + "@example.com";
        ShopImport load = customers(row(700_001, plain, ""), row(700_002, quoted, "\"\""));

        // when they are imported
        assertThat(load.problems()).isEmpty();
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then both are customers without a password yet
        assertThat(written).containsExactly(Map.entry("customer.csv", 2));
        for (String email : new String[] {plain, quoted}) {
            assertThatThrownBy(() -> shop.customers().authenticate(email, "any password at all"))
                    .isInstanceOf(PasswordNotSetException.class);
        }
    }

    @Test
    void aClearTextPasswordWhereTheHashBelongsIsRefusedAtItsLineAndNothingIsWritten() throws Exception {
        // given a file with one customer without a password and one with a clear-text password
        String plain = ShopFixtures.unique("plain") + "@example.com";
        String clear = ShopFixtures.unique("clear") + "@example.com";
        ShopImport load = customers(row(700_011, plain, ""), row(700_012, clear, "\"hunter2!\""));

        // when they are imported
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then the clear-text one is refused by the database's rule at its line, and nothing is written
        assertThat(load.problems()).extracting(Object::toString).singleElement().asString()
                .startsWith("customer.csv:3: customer_password_is_hash: ");
        assertThat(written).isEmpty();
        assertThat(shop.customers().findByEmail(plain)).isEmpty();
    }

    /** A customer.csv of these rows, checked for import. */
    private ShopImport customers(String... rows) throws Exception {
        Files.writeString(dir.resolve("customer.csv"), HEADER + String.join("", rows), StandardCharsets.UTF_8);
        return ShopImport.check(db.ownerDataSource(), dir);
    }

    /** A customer.csv row; {@code hashField} as the file holds it (empty: NULL, {@code ""}: empty text). */
    private static String row(long id, String email, String hashField) {
        return id + ",\"" + email + "\",\"Ada\",\"1 Main St\",\"Leeds\",\"LS1 1AA\",\"GB\"," + hashField + "\n";
    }
}
