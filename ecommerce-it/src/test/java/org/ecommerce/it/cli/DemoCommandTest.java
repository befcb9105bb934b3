package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.ecommerce.cli.Database;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecommerce demo}: the README's "run it" command. */
@OnBothEngines
class DemoCommandTest {

    private final TestDatabase db;

    @TempDir
    private Path dataDir;

    DemoCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theDemoWalksACustomerFromRegistrationToReviewAndShowsANonBuyersReviewRefused() {
        // given a fresh database: on H2 the embedded one of a new data directory, on PostgreSQL an empty database
        String url = db.engine() == Engine.H2 ? Database.embeddedUrl(dataDir) : db.newEmptyDatabaseUrl("demo");
        String[] where = db.engine() == Engine.H2 ? new String[] {"--data-dir", dataDir.toString()}
                : new String[] {"--jdbc-url", url};

        // when
        CliRun run = CliRun.of(join("demo", where));

        // then every step is told, as tables and sentences
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(run.out()).contains(
                "ecommerce demo on " + db.engine().displayName(),
                " id | product                 | brand             | category                | price  | stock",
                "  1 | Claw hammer             | Acme Tools        | Home & Garden > Tools   |  19.90 |    40",
                "Customer 7, Ada Lovelace <ada@example.com>, London.",
                "Signing in as ADA@example.com with her password: accepted; with a wrong one: refused.",
                "  8 | gift card   | GC-DEMO-0001, balance 100.00 | yes",
                "Basket total: 94.20",
                "Claw hammers in stock: 40 before, 38 after. Gift card balance: 5.80. Basket now empty: yes.",
                "Moving it back to pending is refused: delivery cannot go from delivered to pending.",
                "Claw hammers in stock: 38 before, 39 after. Gift card balance: 25.70.",
                "French press 1 l: 2 reviews, average rating 4.50.",
                "Refused: customer 6 has not bought product 1 and may not review it.",
                "Reviews of the claw hammer: 0.");
        // and the customer is told the order's number, the same again for the retried checkout
        String number = shopOrderNumber(run.out());
        assertThat(run.out()).contains("returns order " + number + " again; nothing is charged twice");

        // and the database holds what the story did, as the library reads it
        Ecommerce shop = Ecommerce.create(dataSource(url));
        Customer ada = shop.customers().findByEmail("ada@example.com").orElseThrow();
        assertThat(shop.orders().byCustomer(ada.id(), PageRequest.first(10)).items()).singleElement()
                .extracting(Order::grandTotal).isEqualTo(new java.math.BigDecimal("94.20"));
        assertThat(shop.catalog().get(1).stock()).isEqualTo(39);
        assertThat(shop.reviews().forProduct(1, PageRequest.first(10)).count()).isZero();
        assertThat(shop.returns().forOrder(8)).singleElement().extracting(r -> r.status().dbValue()).isEqualTo("completed");
    }

    private static String shopOrderNumber(String out) {
        java.util.regex.Matcher told = java.util.regex.Pattern
                .compile("Order (ORD-[0-9A-F]{15}): total 94.20, grand total 94.20, paid by gift card GC-DEMO-0001.")
                .matcher(out);
        assertThat(told.find()).as(out).isTrue();
        return told.group(1);
    }

    @Test
    void theDemoRefusesADatabaseThatAlreadyHoldsShopDataAndLeavesItAlone() {
        // given a database with a customer of its own
        Ecommerce shop = Ecommerce.create(db.dataSource());
        Customer existing = new ShopFixtures(shop).customer();

        // when
        CliRun run = CliRun.of("demo", "--jdbc-url", db.ownerUrl());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("already holds shop data", "the demo needs a fresh database", "an empty database");
        assertThat(shop.customers().findByEmail("ada@example.com")).isEmpty();
        assertThat(shop.customers().get(existing.id())).isEqualTo(existing);
    }

    @Test
    void resetStartsTheEmbeddedDatabaseOverButNeverDropsAJdbcUrlDatabase() {
        if (db.engine() == Engine.H2) {
            // given a data directory whose database already holds a customer
            DataSource embedded = dataSource(Database.embeddedUrl(dataDir));
            assertThat(CliRun.of("migrate", "--data-dir", dataDir.toString()).exitCode()).isZero();
            new ShopFixtures(Ecommerce.create(embedded)).customer("Someone Else");

            // when
            CliRun refused = CliRun.of("demo", "--data-dir", dataDir.toString());
            CliRun reset = CliRun.of("demo", "--data-dir", dataDir.toString(), "--reset");

            // then the first run refuses, the reset runs the demo on an emptied database
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
            assertThat(refused.err()).contains("run it with --reset, or give a new --data-dir");
            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            assertThat(reset.out()).contains("Customer 7, Ada Lovelace");
        } else {
            // given a server database holding a customer
            Ecommerce shop = Ecommerce.create(db.dataSource());
            Customer existing = new ShopFixtures(shop).customer();

            // when
            CliRun run = CliRun.of("demo", "--jdbc-url", db.ownerUrl(), "--reset");

            // then
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("--reset only empties the embedded database");
            assertThat(shop.customers().get(existing.id())).isEqualTo(existing);
        }
    }

    /** A data source for a URL the command line was given (H2 with its default user). */
    static DataSource dataSource(String url) {
        return TestDatabase.forUrl(url);
    }

    static String[] join(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
