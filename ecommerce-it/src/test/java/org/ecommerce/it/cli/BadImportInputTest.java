package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;


import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that an import must refuse by file, line and column rather than fail on or store wrongly:
 * bytes that are not UTF-8, a stock the import's replay of sales would take out of its column's
 * range, dates outside the range the schema holds.
 */
@OnBothEngines
class BadImportInputTest {

    private static final long BAD_ID = 900_001;
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
    private static final String AT = "\"2024-05-01T10:00:00Z\"";

    private final TestDatabase db;
    private SourceShop source;

    @TempDir
    private Path dir;

    BadImportInputTest(TestDatabase db) {
        this.db = db;
    }

    /** A database for each test alone, so that its export holds only what the test puts there. */
    @BeforeEach
    void sourceDatabase() {
        source = SourceShop.fresh(db);
    }

    @Test
    void aRowWithBytesThatAreNotUtf8IsRefusedAtItsLineAndNothingIsWritten() throws Exception {
        // given an export, and a customer row appended in Latin-1 ("Zoë" with ë as the byte 0xEB)
        source.fixtures().customer();
        export();
        Path customers = dir.resolve("customer.csv");
        long line = lines(customers) + 1;
        long offset = Files.size(customers) + (BAD_ID + ",\"zoe@example.com\",\"Zo").length();
        append("customer.csv", latin1(customerRow(BAD_ID, "zoe@example.com", "Zoë", "")));
        String emptyUrl = db.newEmptyDatabaseUrl("latin1");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the row is refused like any other bad row, naming the line and the byte, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).containsExactly(
                "customer.csv:" + line + ": encoding: is not UTF-8: byte 0xEB at byte offset " + offset
                        + " of the file (save it as UTF-8)",
                "error: 1 problem(s) in 1 row(s) of " + dir + ", listed above: nothing was written"
                        + " (fix them, or pass --skip-bad-rows to write the other rows)");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void aDirectoryWhoseOnlyFileHasAnUnusableHeaderIsRefusedAtItsHeaderAndNothingIsWritten() throws Exception {
        // given a directory with one file, whose header names a column the table does not have
        Files.writeString(dir.resolve("brand.csv"), "\"id\",\"label\"\n1,\"Acme\"\n", StandardCharsets.UTF_8);
        String emptyUrl = db.newEmptyDatabaseUrl("onlyheader");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the header is refused at line 1, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).anySatisfy(m -> assertThat(m)
                .startsWith("brand.csv:1: header: \"label\" is not a column of brand"));
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void aFileWithAByteOrderMarkAndAnEmptyLastLineImportsAsItIs() throws Exception {
        // given an export whose customer file is saved as a spreadsheet saves "CSV UTF-8": a byte
        // order mark first, and an empty line at the end
        Customer customer = source.fixtures().customer();
        export();
        Path customers = dir.resolve("customer.csv");
        byte[] exported = Files.readAllBytes(customers);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        saved.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        saved.writeBytes(exported);
        saved.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        Files.write(customers, saved.toByteArray());
        String emptyUrl = db.newEmptyDatabaseUrl("bom");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then every row is in, as from the file without them
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(emptyUrl))) {
            assertThat(copy.longValue("SELECT COUNT(*) FROM customer WHERE id = ?", customer.id())).isOne();
            assertThat(copy.longValue("SELECT COUNT(*) FROM customer")).isEqualTo(lines(customers) - 2);
        }
    }

    @Test
    void withSkipBadRowsTheRowsAroundUndecodableBytesAreWritten() throws Exception {
        // given an export of two customers, and two rows appended: one with an invalid UTF-8
        // sequence (a lone continuation byte) inside a value spanning two lines, then a valid one
        Customer first = source.fixtures().customer();
        Customer second = source.fixtures().customer();
        export();
        long line = lines(dir.resolve("customer.csv")) + 1;
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes(customerRow(BAD_ID, "bad@example.com", "Bad", "").replace("\"Bad\"", "\"Two\nlines \u0000\"")
                .getBytes(StandardCharsets.UTF_8));
        byte[] bytes = bad.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = (byte) 0x80;
            }
        }
        append("customer.csv", bytes);
        append("customer.csv", customerRow(BAD_ID + 1, "good@example.com", "Good", "").getBytes(StandardCharsets.UTF_8));
        String emptyUrl = db.newEmptyDatabaseUrl("skipundecodable");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl, "--skip-bad-rows");

        // then the row is named by the line it starts on and the line of the bytes, and the others are in
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.messages().toList()).as(run.toString()).first().asString()
                .startsWith("customer.csv:" + line + ": encoding: is not UTF-8 on line " + (line + 1) + ": byte 0x80 at byte offset ")
                .endsWith(" of the file (save it as UTF-8)");
        assertThat(run.out()).contains("leaving out 1 rejected row(s)");
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(emptyUrl))) {
            assertThat(copy.longValue("SELECT COUNT(*) FROM customer")).isEqualTo(3);
            assertThat(copy.longValue("SELECT COUNT(*) FROM customer WHERE id IN (?, ?, ?)",
                    first.id(), second.id(), BAD_ID + 1)).isEqualTo(3);
        }
    }

    @Test
    void aStockThatTheReplayOfItsSalesWouldTakeOutOfTheColumnsRangeIsRefusedByFileLineAndColumn() throws Exception {
        // given a product with the largest stock an INTEGER holds, of which an order bought 2
        Product product = source.fixtures().product("3.00", 5);
        Customer buyer = source.fixtures().customer();
        source.shop().orders().place(PlaceOrder.of(buyer.id(), source.fixtures().creditCard(buyer).id(), null, new OrderItem(product.id(), 2)));
        source.shop().catalog().restock(product.id(), Integer.MAX_VALUE - 3);
        export();
        long productLine = lineStarting(dir.resolve("product.csv"), product.id() + ",");
        String emptyUrl = db.newEmptyDatabaseUrl("stockoverflow");

        // when it is imported (which loads the product with its stock plus the 2 units sold, then the order line takes them)
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the product is refused by its line and column, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).first().isEqualTo("product.csv:" + productLine
                + ": stock: with the units its lines in order_line.csv sold it is more than the column holds; the import"
                + " loads a product with its stock plus the units its order lines then take away");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void aStockThatTheReplayOfItsSalesTakesExactlyToTheTopOfTheRangeImportsExactly() throws Exception {
        // given a product whose stock plus the units sold is exactly the largest INTEGER
        Product product = source.fixtures().product("3.00", 5);
        Customer buyer = source.fixtures().customer();
        source.shop().orders().place(PlaceOrder.of(buyer.id(), source.fixtures().creditCard(buyer).id(), null, new OrderItem(product.id(), 2)));
        source.shop().catalog().restock(product.id(), Integer.MAX_VALUE - 5);
        export();
        String emptyUrl = db.newEmptyDatabaseUrl("stocktop");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the stock is the exported one
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(emptyUrl))) {
            assertThat(copy.longValue("SELECT stock FROM product WHERE id = ?", product.id())).isEqualTo(Integer.MAX_VALUE - 2);
        }
    }

    @Test
    void datesOutsideTheRangeTheSchemaHoldsAreRefusedByFileLineAndColumn() throws Exception {
        // given an export with a customer born in -5000 and one in 10000, and a review written before 1800
        Customer buyer = source.fixtures().customer();
        Product product = source.fixtures().product("3.00", 5);
        source.shop().orders().place(PlaceOrder.of(buyer.id(), source.fixtures().creditCard(buyer).id(), null, new OrderItem(product.id(), 1)));
        export();
        long customerLine = lines(dir.resolve("customer.csv")) + 1;
        append("customer.csv", customerRow(BAD_ID, "ancient@example.com", "Ancient", "-5000-01-01").getBytes(StandardCharsets.UTF_8));
        append("customer.csv", customerRow(BAD_ID + 1, "future@example.com", "Future", "+10000-01-01").getBytes(StandardCharsets.UTF_8));
        long reviewLine = lines(dir.resolve("review.csv")) + 1;
        append("review.csv", (BAD_ID + "," + buyer.id() + "," + product.id() + ",4,\"Old\",\"1799-12-31T23:59:59Z\"\n")
                .getBytes(StandardCharsets.UTF_8));
        String emptyUrl = db.newEmptyDatabaseUrl("dates");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).startsWith(
                "customer.csv:" + customerLine + ": birth_date: must be between 1800-01-01 and 9999-12-31: -5000-01-01",
                "customer.csv:" + (customerLine + 1) + ": birth_date: must be between 1800-01-01 and 9999-12-31: +10000-01-01",
                "review.csv:" + reviewLine + ": reviewed_at: must be between 1800-01-01 and 9999-12-31 (UTC): 1799-12-31T23:59:59Z");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void aCardNumberAMalformedHashAndAnEmailOnlyCaseFoldingTellsApartAreRefusedByLineWithoutTheValue() throws Exception {
        // given an export, then a customer named with a card number, one with a clear password in
        // place of its hash, and two whose emails differ only by a long s
        source.fixtures().customer();
        export();
        long line = lines(dir.resolve("customer.csv")) + 1;
        append("customer.csv", customerRow(BAD_ID, "card@example.com", "Ada 4111 1111 1111 1111", "")
                .getBytes(StandardCharsets.UTF_8));
        append("customer.csv", customerRow(BAD_ID + 1, "clear@example.com", "Clear", "").replace(HASH, "$plain$hunter2")
                .getBytes(StandardCharsets.UTF_8));
        append("customer.csv", customerRow(BAD_ID + 2, "sam@example.com", "Sam", "").getBytes(StandardCharsets.UTF_8));
        append("customer.csv", customerRow(BAD_ID + 3, "\u017Fam@example.com", "Sam", "").getBytes(StandardCharsets.UTF_8));
        String emptyUrl = db.newEmptyDatabaseUrl("secrets");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then each is refused at its line, the card number and the password nowhere in the output
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).startsWith(
                "customer.csv:" + line + ": customer_no_card_number: No email, name or address line of a customer holds"
                        + " a Luhn-valid 13 to 19 digit card number.",
                "customer.csv:" + (line + 1) + ": customer_password_is_hash: A customer's password, if one is set, is kept only as an"
                        + " Argon2id PHC string with a salt of 16 bytes or more and a hash of 32 bytes or more, never in clear text.",
                "customer.csv:" + (line + 3) + ": email: No two customers share an email address under its key: NFKC and"
                        + " full case folding, whatever the database's locale.");
        assertThat(run.toString()).doesNotContain("4111 1111 1111 1111", "hunter2");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    private void export() {
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", source.url(), "--include-secrets");
        assertThat(export.exitCode()).as(export.toString()).isZero();
    }

    /** A customer.csv row in the export's column order. */
    private static String customerRow(long id, String email, String name, String birthDate) {
        return id + ",\"" + email + "\",\"" + name + "\"," + (birthDate.isEmpty() ? "" : "\"" + birthDate + "\"")
                + ",\"undisclosed\",,,\"1 Main St\",\"Leeds\",,\"LS1 1AA\",\"GB\",\"" + HASH + "\"," + AT + "\n";
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void append(String file, byte[] bytes) throws IOException {
        Files.write(dir.resolve(file), bytes, StandardOpenOption.APPEND);
    }

    /** The number of lines of a file that ends with a line break. */
    private static long lines(Path file) throws IOException {
        return Files.readString(file).chars().filter(c -> c == '\n').count();
    }

    /** The line of the first row starting with {@code prefix}. */
    private static long lineStarting(Path file, String prefix) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no row starting with " + prefix + " in " + file);
    }
}
