package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.ecommerce.cli.ExitCode;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;
import org.junit.jupiter.api.Test;

/** {@code ecommerce recommend} and {@code ecommerce also-bought}. */
@OnBothEngines
class RecommendCommandTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    RecommendCommandTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void recommendationsAndAlsoBoughtArePrintedAsTheRepositoryRanksThem() {
        // given two customers who both bought a lamp and a bulb, and a third who bought only the lamp
        Product lamp = fixtures.product("30.00", 10);
        Product bulb = fixtures.product("4.00", 10);
        for (int i = 0; i < 2; i++) {
            Customer buyer = fixtures.customer();
            CreditCard card = fixtures.creditCard(buyer);
            shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), null, new OrderItem(lamp.id(), 1), new OrderItem(bulb.id(), 1)));
        }
        Customer third = fixtures.customer();
        shop.orders().place(PlaceOrder.of(third.id(), fixtures.creditCard(third).id(), null, new OrderItem(lamp.id(), 1)));

        // when also-bought is asked for the lamp (after a rebuild) and recommendations for the third customer
        CliRun alsoBought = CliRun.of("also-bought", "--product", String.valueOf(lamp.id()), "--rebuild", "--jdbc-url", db.ownerUrl());
        CliRun recommend = CliRun.of("recommend", "--customer", String.valueOf(third.id()), "--limit", "5", "--jdbc-url", db.ownerUrl());

        // then the bulb is what lamp buyers also bought, and it is recommended to the third customer, the lamp is not
        assertThat(alsoBought.exitCode()).as(alsoBought.toString()).isZero();
        assertThat(alsoBought.out()).containsPattern("\\n\\s+1 \\|\\s+" + bulb.id() + " \\| " + bulb.name());
        assertThat(recommend.exitCode()).as(recommend.toString()).isZero();
        assertThat(recommend.out()).contains(bulb.name()).doesNotContain(lamp.name());
        assertThat(recommend.out().lines().filter(l -> l.matches("\\s+\\d+ \\|.*")).findFirst().orElseThrow())
                .contains(String.valueOf(shop.recommendations().topFor(third.id(), 5).get(0).productId()));
    }

    @Test
    void commandsThatReadAShopRefuseADatabaseWithoutItsSchemaAndLeaveItEmpty() throws Exception {
        // given a database that was never migrated (a mistyped URL, say)
        String emptyUrl = db.newEmptyDatabaseUrl("unmigrated");

        for (String[] command : List.of(new String[] {"rebuild"}, new String[] {"report", "low-stock"},
                new String[] {"recommend", "--customer", "1"}, new String[] {"also-bought", "--product", "1"},
                new String[] {"export", Files.createTempDirectory("unmigrated").resolve("out").toString()})) {
            // when the command runs against it
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--jdbc-url", emptyUrl));
            CliRun run = CliRun.of(args.toArray(String[]::new));

            // then it is refused as a database not in the state it needs, saying what to run
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.STATE_CONFLICT);
            assertThat(run.err()).as(run.toString()).contains("no shop's schema").contains("ecommerce migrate");
        }
        // and nothing was created in it
        assertThat(EcommerceSchema.currentVersion(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void theRebuildCommandRecomputesAlsoBoughtFromTheOrders() {
        // given two buyers of a desk and a chair
        Product desk = fixtures.product("120.00", 10);
        Product chair = fixtures.product("45.00", 10);
        for (int i = 0; i < 2; i++) {
            Customer buyer = fixtures.customer();
            shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), null,
                    new OrderItem(desk.id(), 1), new OrderItem(chair.id(), 1)));
        }

        // when the model is rebuilt from the command line
        CliRun run = CliRun.of("rebuild", "--jdbc-url", db.ownerUrl());

        // then it says so, and the chair is what desk buyers also bought
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Rebuilt the recommendations in ");
        assertThat(shop.recommendations().alsoBought(desk.id(), 5)).extracting(r -> r.productId()).contains(chair.id());
    }

    @Test
    void aLimitOutOfRangeIsABadCommandLineNamingTheOption() {
        // given a customer
        Customer customer = fixtures.customer();

        // when recommend and also-bought are asked for no result, or more than they give
        CliRun recommend = CliRun.of("recommend", "--customer", String.valueOf(customer.id()), "--limit", "0", "--jdbc-url", db.ownerUrl());
        CliRun alsoBought = CliRun.of("also-bought", "--product", "1", "--limit", "101", "--jdbc-url", db.ownerUrl());

        // then each is refused as a bad command line that names --limit
        for (CliRun run : List.of(recommend, alsoBought)) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(run.toString()).startsWith("error: --limit: must be between 1 and 100").contains("--help");
        }
    }

    @Test
    void anUnknownCustomerIsReportedInOneLine() {
        CliRun run = CliRun.of("recommend", "--customer", "987654321", "--jdbc-url", db.ownerUrl());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("error: customer 987654321 not found");
    }
}
