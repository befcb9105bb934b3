package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.ecommerce.cli.ExitCode;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.junit.jupiter.api.Test;

/** {@code ecommerce report NAME}: the analytics from the command line, as table, CSV or JSON. */
@OnBothEngines
class ReportCommandTest {

    private static final List<String> REPORTS = List.of("top-customers-by-expenditure", "top-customers-by-interactions",
            "customers-without-purchase", "most-popular-products", "top-sellers-per-category", "interactions-by-hour",
            "low-stock", "top-brands", "revenue-per-gender-per-category", "customers-with-orders",
            "customers-with-open-baskets", "top-sellers-with-revenue", "monthly-sales-growth");

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    ReportCommandTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void everyReportRunsAndPrintsATable() {
        // given a customer who bought something and one with a basket
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("12.50", 7);
        shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), null, new OrderItem(product.id(), 2)));
        shop.baskets().add(fixtures.customer().id(), product.id(), 1);

        for (String report : REPORTS) {
            // when each report is printed
            CliRun run = CliRun.of("report", report, "--jdbc-url", db.ownerUrl());

            // then it succeeds with a table
            assertThat(run.exitCode()).as(report + ": " + run).isZero();
            assertThat(run.out()).as(report).containsPattern("\\(\\d+ rows?\\)");
        }
    }

    @Test
    void aCsvReportHoldsExactlyTheQueryRows() {
        // given products with little stock
        Product scarce = fixtures.product("1.00", 1);
        fixtures.product("1.00", 2);

        // when the low-stock report is printed as CSV
        CliRun run = CliRun.of("report", "low-stock", "--below", "3", "--format", "csv", "--jdbc-url", db.ownerUrl());

        // then its lines are the header and the rows of the query object
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> expected = LowStockProducts.below(3).fetch(shop).stream()
                .map(r -> r.productId() + "," + r.name() + "," + r.stock()).toList();
        assertThat(expected).isNotEmpty().anyMatch(line -> line.startsWith(scarce.id() + ","));
        assertThat(run.out().lines().toList()).containsExactlyElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("productId,name,stock"), expected.stream()).toList());
    }

    @Test
    void aJsonReportNestsOrdersInCustomers() {
        Customer buyer = fixtures.customer("Jason Nest");
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("3.00", 10);
        shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), null, new OrderItem(product.id(), 3)));

        CliRun run = CliRun.of("report", "customers-with-orders", "--format", "json", "--jdbc-url", db.ownerUrl());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"name\": \"Jason Nest\"")
                .containsPattern("\"lines\": \\[\\{\"productId\": " + product.id() + ", \"productName\": \"[^\"]+\", \"quantity\": 3");
    }

    @Test
    void aReportShowsItsSqlAndRefusesBadParametersByNameAsABadCommandLine() {
        CliRun sql = CliRun.of("report", "top-customers-by-expenditure", "--limit", "3", "--show-sql", "--jdbc-url", db.ownerUrl());
        CliRun bad = CliRun.of("report", "top-customers-by-expenditure", "--limit", "0", "--jdbc-url", db.ownerUrl());
        CliRun badFormat = CliRun.of("report", "low-stock", "--format", "xml", "--jdbc-url", db.ownerUrl());

        assertThat(sql.exitCode()).isZero();
        assertThat(sql.out().strip()).isEqualTo(TopCustomersByExpenditure.top(3).sqlWithValues(db.engine()).strip());
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("error: limit").contains("--help");
        assertThat(badFormat.exitCode()).as(badFormat.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(badFormat.err()).contains("--format").contains("xml");
    }

    @Test
    void reportWithoutANameListsTheReportsAndFailsAsABadCommandLine() {
        CliRun run = CliRun.of("report", "--jdbc-url", db.ownerUrl());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("low-stock").contains("error: a report name is required");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aCsvReportShowsANameThatASpreadsheetWouldRunAsText() {
        // given a product whose name is a spreadsheet formula
        String formula = "=HYPERLINK(\"http://example.com\",\"x\")" + ShopFixtures.unique("");
        Product product = shop.catalog().addProduct(new NewProduct(formula, null, shop.catalog().addBrand(ShopFixtures.unique("B")).id(),
                shop.catalog().addCategory(ShopFixtures.unique("C")).id(), new BigDecimal("1.00"), 0));

        // when the low-stock report is printed as CSV
        CliRun run = CliRun.of("report", "low-stock", "--below", "1", "--format", "csv", "--jdbc-url", db.ownerUrl());

        // then the name starts with a ', as in export's files, and nothing else of it changes
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).contains(product.id() + ",\"'" + formula.replace("\"", "\"\"") + "\",0");
    }
}
