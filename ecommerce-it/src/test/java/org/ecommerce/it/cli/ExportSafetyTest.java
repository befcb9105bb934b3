package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;


import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.transfer.ShopExport;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export's files are safe to hand over and to open: readable by their owner only, without
 * password hashes or card tokens unless asked, and without a cell a spreadsheet would run.
 */
@OnBothEngines
class ExportSafetyTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final TestDatabase db;
    private SourceShop source;

    @TempDir
    private Path dir;

    ExportSafetyTest(TestDatabase db) {
        this.db = db;
    }

    /** A database for each test alone, so that its export holds only what the test puts there. */
    @BeforeEach
    void sourceDatabase() {
        source = SourceShop.fresh(db);
    }

    @Test
    void aTextThatASpreadsheetWouldRunIsExportedWithALeadingQuoteAndNumbersStayNumbers() throws Exception {
        // given products whose names start with each character a spreadsheet takes for a formula
        long brand = source.shop().catalog().addBrand(ShopFixtures.unique("Brand ")).id();
        long category = source.shop().catalog().addCategory(ShopFixtures.unique("Category "), null).id();
        List<String> attacks = List.of("=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
                "\tTAB", "\rCR", "A = B, not a formula");
        for (String name : attacks) {
            source.shop().catalog().addProduct(new NewProduct(name, null, brand, category, new BigDecimal("1.50"), 7));
        }

        // when the shop is exported
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", source.url());

        // then each of those names has a ' before it, the others are as they were, and price and stock stay bare numbers
        assertThat(export.exitCode()).as(export.toString()).isZero();
        String products = Files.readString(dir.resolve("product.csv"));
        assertThat(products)
                .contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", ",\"'+1+cmd|' /C calc'!A0\",", ",\"'-2+3\",",
                        ",\"'@SUM(A1:A2)\",", ",\"'\tTAB\",", ",\"'\rCR\",", ",\"A = B, not a formula\",")
                .doesNotContain(",\"=", ",\"+", ",\"-2", ",\"@")
                .contains(",1.50,7,");

        // and an import loads the names as they are in the file, the ' included
        String copyUrl = db.newEmptyDatabaseUrl("formulas");
        CliRun load = CliRun.of("import", dir.toString(), "--jdbc-url", copyUrl);
        assertThat(load.exitCode()).as(load.toString()).isZero();
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(copyUrl))) {
            assertThat(copy.value("SELECT name FROM product WHERE name LIKE '%HYPERLINK%'")).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(copy.decimal("SELECT MIN(price) FROM product")).isEqualByComparingTo("1.50");
            assertThat(copy.longValue("SELECT MIN(stock) FROM product")).isEqualTo(7);
        }
    }

    @Test
    void byDefaultAnExportLeavesOutPasswordHashesAndCardTokensAndOnlyItsOwnerMayReadIt() throws Exception {
        // given a customer with a card, and an export directory holding a world-readable file of an earlier export
        Customer customer = source.fixtures().customer();
        source.fixtures().creditCard(customer);
        Files.writeString(dir.resolve("brand.csv"), "\"id\",\"name\"\n");
        Files.setPosixFilePermissions(dir.resolve("brand.csv"), PosixFilePermissions.fromString("rw-r--r--"));

        // when
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", source.url(), "--overwrite");

        // then neither the hash nor the token is written
        assertThat(export.exitCode()).as(export.toString()).isZero();
        String customers = Files.readString(dir.resolve("customer.csv"));
        String cards = Files.readString(dir.resolve("credit_card.csv"));
        assertThat(customers.lines().findFirst()).get().asString().contains("\"email\"").doesNotContain("password_hash");
        assertThat(customers).doesNotContain("$argon2id$");
        assertThat(cards.lines().findFirst()).get().asString().contains("\"last_four\"").doesNotContain("processor_token");
        assertThat(cards).doesNotContain("tok_");

        // and every file, the replaced one too, is readable and writable by its owner only
        assertEveryFileIsOwnerOnly();
    }

    @Test
    void withIncludeSecretsTheHashesAndTokensAreWrittenAsTheyAreToFilesOnlyTheOwnerMayRead() throws Exception {
        // given a card whose token starts with a character a spreadsheet takes for a formula
        Customer customer = source.fixtures().customer();
        String token = "-" + ShopFixtures.unique("tok_");
        source.shop().customers().addCreditCard(customer.id(), new NewCreditCard("visa", "A B", "4242", YearMonth.of(2031, 1), token));

        // when
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", source.url(), "--include-secrets");

        // then
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(Files.readString(dir.resolve("customer.csv"))).contains("\"password_hash\"", "$argon2id$");
        assertThat(Files.readString(dir.resolve("credit_card.csv"))).contains("\"processor_token\"", ",\"" + token + "\"");
        assertEveryFileIsOwnerOnly();
    }

    @Test
    void anExportWithoutSecretsIsRefusedByImportNamingIncludeSecretsAndNothingIsWritten() throws Exception {
        // given an export without secrets of a shop with a customer and a card
        Customer customer = source.fixtures().customer();
        source.fixtures().creditCard(customer);
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", source.url()).exitCode()).isZero();
        String emptyUrl = db.newEmptyDatabaseUrl("nosecrets");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).contains(
                "customer.csv:1: header: column password_hash is missing: export writes it only with --include-secrets,"
                        + " and no customer row can be imported without it",
                "credit_card.csv:1: header: column processor_token is missing: export writes it only with --include-secrets,"
                        + " and no credit_card row can be imported without it");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void anExportWithoutSecretsOfAShopWithoutCustomersImports() throws Exception {
        // given a catalogue and no customer
        Product product = source.fixtures().product("4.20", 3);
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", source.url()).exitCode()).isZero();
        String emptyUrl = db.newEmptyDatabaseUrl("nocustomers");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(emptyUrl))) {
            assertThat(copy.value("SELECT name FROM product WHERE id = ?", product.id())).isEqualTo(product.name());
        }
    }

    private void assertEveryFileIsOwnerOnly() throws IOException {
        for (String name : ShopExport.fileNames()) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(name))).as(name).isEqualTo(OWNER_ONLY);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(ShopExport.fileNames());
        }
    }
}
