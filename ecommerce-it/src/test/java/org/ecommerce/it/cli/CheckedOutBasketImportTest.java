package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source shop's checked-out baskets: the schema keeps one open basket per customer and holds a
 * checked-out basket as an order, so import refuses them and says where they belong.
 */
@OnBothEngines
class CheckedOutBasketImportTest {

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    CheckedOutBasketImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void aSecondBasketOfACustomerIsRefusedAtItsLineSayingThatACheckedOutBasketIsAnOrder() throws Exception {
        // given an export of a customer with an open basket, and a checked-out basket of theirs appended
        Customer customer = exportOfAnOpenBasket();
        Path baskets = dir.resolve("basket.csv");
        long line = Files.readAllLines(baskets).size() + 1;
        Files.writeString(baskets, "900001," + customer.id() + ",\"2024-05-01T10:00:00Z\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        String emptyUrl = db.newEmptyDatabaseUrl("basketline");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then that basket is refused at its line by the one-basket rule, which names checkout, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).contains("basket.csv:" + line
                + ": customer_id: A customer has at most one basket, the open one: checking out turns a basket into an order.");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void aBasketFileWithACheckoutColumnIsRefusedByItsHeaderPointingToTheOrderFiles() throws Exception {
        // given an export whose basket.csv carries a source shop's checkout time
        exportOfAnOpenBasket();
        Path baskets = dir.resolve("basket.csv");
        List<String> lines = Files.readAllLines(baskets);
        Files.write(baskets, lines.stream().map(l -> l + (l.startsWith("\"id\"") ? ",\"checked_out_at\"" : ",")).toList());
        String emptyUrl = db.newEmptyDatabaseUrl("basketheader");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the header is refused with where checked-out baskets go, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().toList()).as(run.toString()).anySatisfy(m -> assertThat(m)
                .startsWith("basket.csv:1: header: \"checked_out_at\" is not a column of basket")
                .endsWith("a checked-out basket is an order, imported with orders.csv and order_line.csv"));
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    /** Exports, with secrets, a shop whose one customer has a product in their open basket; returns the customer. */
    private Customer exportOfAnOpenBasket() {
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product product = fixtures.product("10.00", 5);
        Customer customer = fixtures.customer();
        shop.baskets().add(customer.id(), product.id(), 2);
        CliRun export = CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        return customer;
    }
}
