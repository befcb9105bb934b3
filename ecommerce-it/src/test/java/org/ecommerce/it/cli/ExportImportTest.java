package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.jooq.DefaultSchema;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecommerce export DIR} and {@code ecommerce import DIR}: one CSV file per table. */
@OnBothEngines
class ExportImportTest {

    private static final long BAD_ID = 900_001;

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    ExportImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void anExportImportedIntoAnEmptyDatabaseReproducesEveryTableExactly() throws Exception {
        // given a shop with rows in every table and the awkward cases (see VariedShop)
        VariedShop.build(shop);
        Map<String, Long> counts = ShopContents.rowCounts(db.dataSource());
        String copyUrl = db.newEmptyDatabaseUrl("copy");

        // when it is exported with its secrets, then imported into an empty database
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets");
        CliRun load = CliRun.of("import", dir.toString(), "--jdbc-url", copyUrl);

        // then both succeed and say what they moved
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.out()).contains(fileRow("customer", counts), fileRow("recommendation_score", counts));
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.out()).contains(fileRow("order_return", counts), fileRow("return_line", counts));

        // and every row of every table is the same, stock and totals included, but for the texts
        // export wrote with a ' before them, which import loads as they are (Ada's phone, +44 ...)
        DataSource copy = DemoCommandTest.dataSource(copyUrl);
        Map<String, List<List<Object>>> original = everyRow(db.dataSource());
        Map<String, List<List<Object>>> imported = everyRow(copy);
        assertThat(imported.keySet()).containsExactlyElementsOf(original.keySet());
        original.forEach((table, rows) -> assertThat(imported.get(table)).as(table).isEqualTo(asExported(rows)));
        assertThat(original.get("return_line")).isNotEmpty();
        assertThat(imported.get("customer")).anySatisfy(row -> assertThat(row).contains("'+44 20 7946 0000"));

        // and passwords travel as hashes only, card tokens as they are
        String customers = Files.readString(dir.resolve("customer.csv"));
        assertThat(Files.readString(dir.resolve("credit_card.csv"))).contains("\"processor_token\"", "tok_varied_ada");
        assertThat(customers).startsWith("\"id\",\"email\",\"name\"").contains("$argon2id$").doesNotContain("difference engine");

        // and the imported database goes on: new rows get new ids
        Ecommerce copied = Ecommerce.create(copy);
        Customer newcomer = new ShopFixtures(copied).customer();
        long maxId = original.get("customer").stream().mapToLong(r -> (Long) r.get(0)).max().orElseThrow();
        assertThat(newcomer.id()).isGreaterThan(maxId);
    }

    @Test
    void aFileSetWithBadRowsIsRefusedWithLineNumberedMessagesAndNothingIsWritten() throws Exception {
        // given an export with four bad rows added
        List<String> expected = exportWithBadRows();
        String emptyUrl = db.newEmptyDatabaseUrl("refused");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then each bad row is named by file, line and column, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        List<String> errors = run.messages().toList();
        assertThat(errors).as(run.toString()).hasSize(expected.size() + 1).startsWith(expected.toArray(String[]::new));
        assertThat(errors.getLast()).startsWith("error: 4 problem(s) in 4 row(s) of ").contains("nothing was written");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void withSkipBadRowsTheOtherRowsAreWrittenAndTheBadOnesReported() throws Exception {
        // given an export with four bad rows added
        List<String> expected = exportWithBadRows();
        Map<String, Long> exported = ShopContents.rowCounts(db.dataSource());
        String emptyUrl = db.newEmptyDatabaseUrl("skipping");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl, "--skip-bad-rows");

        // then the bad rows are reported and left out, the others are in
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.messages()).startsWith(expected.toArray(String[]::new));
        assertThat(run.out()).contains("leaving out 4 rejected row(s)");
        Map<String, Long> imported = ShopContents.rowCounts(DemoCommandTest.dataSource(emptyUrl));
        assertThat(imported.get("customer")).isEqualTo(exported.get("customer"));
        assertThat(imported.get("review")).isEqualTo(exported.get("review"));
        assertThat(imported.get("basket")).isEqualTo(exported.get("basket") + 1);
        assertThat(imported.get("basket_line")).isEqualTo(exported.get("basket_line"));
    }

    @Test
    void withSkipBadRowsARowRefusedAfterItWentInLeavesNothingOfItselfBehind() throws Exception {
        // given a shop with an order of two products, and a customer with a card but no order
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product kept = fixtures.product("10.00", 5);
        Product other = fixtures.product("4.00", 5);
        Customer buyer = fixtures.customer();
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), null,
                new OrderItem(kept.id(), 1), new OrderItem(other.id(), 2)));
        CreditCard card = fixtures.creditCard(fixtures.customer());
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();

        // and its export spoilt where only a statement after a row's insert sees it: a line of the
        // order that cannot be read (the order's total then disagrees with its lines), a category
        // under a parent that does not exist, with a product, and the card's method given to no customer
        long lineLine = replaceRow("order_line.csv", order.id() + "," + other.id() + ",",
                order.id() + "," + other.id() + ",two,4.00,8.00");
        long categoryLine = append("category.csv", BAD_ID + ",\"Orphaned\"," + 999_999);
        append("product.csv", BAD_ID + ",\"Stray\",," + kept.brandId() + "," + BAD_ID + ",1.00,3,\"2024-05-01T10:00:00Z\"");
        String method = Files.readAllLines(dir.resolve("payment_method.csv")).stream()
                .filter(row -> row.startsWith(card.id() + ",")).findFirst().orElseThrow();
        long methodLine = replaceRow("payment_method.csv", card.id() + ",",
                card.id() + ",999999," + method.substring(method.indexOf(',', method.indexOf(',') + 1) + 1));
        String emptyUrl = db.newEmptyDatabaseUrl("wholerows");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl, "--skip-bad-rows");

        // then the spoilt rows are reported, and neither they nor what was written on them is in
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.messages().toList()).as(run.toString()).anySatisfy(m -> assertThat(m).startsWith("order_line.csv:" + lineLine + ": quantity"))
                .anySatisfy(m -> assertThat(m).startsWith("orders.csv:"))
                .anySatisfy(m -> assertThat(m).startsWith("category.csv:" + categoryLine + ": "))
                .anySatisfy(m -> assertThat(m).startsWith("payment_method.csv:" + methodLine + ": "))
                .anySatisfy(m -> assertThat(m).startsWith("credit_card.csv:"));
        try (PlainSql copy = new PlainSql(DemoCommandTest.dataSource(emptyUrl))) {
            assertThat(copy.longValue("SELECT COUNT(*) FROM orders WHERE id = ?", order.id())).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM order_line WHERE order_id = ?", order.id())).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM delivery WHERE order_id = ?", order.id())).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM category WHERE id = ?", BAD_ID)).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM product WHERE id = ?", BAD_ID)).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM payment_method WHERE id = ?", card.id())).isZero();
            assertThat(copy.longValue("SELECT COUNT(*) FROM credit_card WHERE payment_method_id = ?", card.id())).isZero();
            // and the rows around them are in
            assertThat(copy.longValue("SELECT COUNT(*) FROM customer WHERE id = ?", buyer.id())).isOne();
            assertThat(copy.longValue("SELECT stock FROM product WHERE id = ?", kept.id())).isEqualTo(4);
        }
    }

    /** Replaces the row starting with {@code prefix} and returns its line. */
    private long replaceRow(String file, String prefix, String row) throws IOException {
        Path path = dir.resolve(file);
        List<String> rows = new ArrayList<>(Files.readAllLines(path));
        long line = lineOf(path, prefix);
        rows.set((int) line - 1, row);
        Files.write(path, rows, StandardCharsets.UTF_8);
        return line;
    }

    @Test
    void importIntoADatabaseHoldingTheSameRowsRefusesEachTakenIdByLineAndWritesNothing() throws Exception {
        // given an export, and the database it came from, which holds those rows
        Customer customer = new ShopFixtures(shop).customer();
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        Map<String, Long> before = ShopContents.rowCounts(db.dataSource());
        long line = lineOf(dir.resolve("customer.csv"), customer.id() + ",");

        // when it is imported into that database
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", db.ownerUrl());

        // then the customer's id is refused at its line, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString())
                .contains("customer.csv:" + line + ": id: a row with this key is in the database already, or earlier in this file");
        assertThat(ShopContents.rowCounts(db.dataSource())).isEqualTo(before);
    }

    @Test
    void importIntoALiveShopKeepsItsRowsAndAddsTheFilesWithTheirIds() throws Exception {
        // given a live shop with a customer, and an export of another shop whose customer has another id
        Customer resident = new ShopFixtures(shop).customer();
        String otherUrl = db.newEmptyDatabaseUrl("othershop");
        assertThat(CliRun.of("migrate", "--jdbc-url", otherUrl).exitCode()).isZero();
        Ecommerce other = Ecommerce.create(DemoCommandTest.dataSource(otherUrl));
        new ShopFixtures(other).customer();
        Customer newcomer = new ShopFixtures(other).customer();
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", otherUrl, "--include-secrets").exitCode()).isZero();
        // the file keeps only the newcomer, under an id the live shop does not hold
        long newId = 900_001;
        Path customers = dir.resolve("customer.csv");
        List<String> lines = Files.readAllLines(customers);
        Files.write(customers, List.of(lines.get(0), lines.get((int) lineOf(customers, newcomer.id() + ",") - 1)
                .replaceFirst("^" + newcomer.id() + ",", newId + ",")));

        // when it is imported into the live shop
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", db.ownerUrl());

        // then the resident stays, the newcomer is in with its id, and new ids come after both
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(shop.customers().get(resident.id()).email()).isEqualTo(resident.email());
        assertThat(shop.customers().get(newId).email()).isEqualTo(newcomer.email());
        assertThat(new ShopFixtures(shop).customer().id()).isGreaterThan(newId);
    }

    /** The line of the first row starting with {@code prefix}. */
    private static long lineOf(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no row starting with " + prefix + " in " + file);
    }

    /**
     * Exports a shop with a buyer and a non-buyer of a product, then appends: a customer with a
     * 300-character name (refused as it is read), a basket line of an unknown product, one with a
     * negative quantity, and a review by the non-buyer (refused by the database's rules, named by
     * rule and guarantee). Returns the problems the import must report, in order.
     */
    private List<String> exportWithBadRows() throws IOException, SQLException {
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product product = fixtures.product("10.00", 5);
        Customer buyer = fixtures.customer();
        shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), null, new OrderItem(product.id(), 1)));
        Customer nonBuyer = fixtures.customer();
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        String at = "\"2024-05-01T10:00:00Z\"";
        long customerLine = append("customer.csv", BAD_ID + ",\"long@example.com\",\"" + "x".repeat(300)
                + "\",,\"undisclosed\",,,\"1 Main St\",\"Leeds\",,\"LS1 1AA\",\"GB\",\"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdHNvbWVzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo\"," + at);
        append("basket.csv", BAD_ID + "," + nonBuyer.id() + "," + at);
        long basketLine = append("basket_line.csv", BAD_ID + ",999999,1," + at);
        append("basket_line.csv", BAD_ID + "," + product.id() + ",-2," + at);
        long reviewLine = append("review.csv", BAD_ID + "," + nonBuyer.id() + "," + product.id() + ",3,\"Looks nice\"," + at);
        return List.of(
                "customer.csv:" + customerLine + ": name: must be at most 100 characters (has 300)",
                "basket_line.csv:" + basketLine + ": product_id: A basket line holds an existing product.",
                "basket_line.csv:" + (basketLine + 1) + ": basket_line_quantity_positive: A basket line holds at least one unit.",
                "review.csv:" + reviewLine + ": review_requires_purchase: Only a customer with an order containing the"
                        + " product may review it.");
    }

    /** Rows as an import of their export holds them: a text starting with = + - @, tab or CR gets a leading '. */
    static List<List<Object>> asExported(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(value -> value instanceof String text && !text.isEmpty()
                && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? (Object) ("'" + text) : value).toList()).toList();
    }

    /** The line of the commands' summary table for a table's file. */
    private static String fileRow(String table, Map<String, Long> counts) {
        return String.format(" %-26s | %4d", table + ".csv", counts.get(table)); // padded to the longest file name, recommendation_setting.csv
    }

    /** Appends a row to an exported file and returns the line it starts on. */
    private long append(String file, String row) throws IOException {
        Path path = dir.resolve(file);
        long line = Files.readString(path).chars().filter(c -> c == '\n').count() + 1;
        Files.writeString(path, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return line;
    }

    /** Every row of every table of the schema, by table, in primary-key order. */
    private static Map<String, List<List<Object>>> everyRow(DataSource dataSource) {
        DSLContext dsl = DSL.using(dataSource, Engine.of(dataSource).dialect(), Ecommerce.settings());
        Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            rows.put(table.getName(), dsl.selectFrom(table).orderBy(table.getPrimaryKey().getFields()).fetch()
                    .map(r -> Arrays.asList(r.intoArray())));
        }
        return rows;
    }
}
