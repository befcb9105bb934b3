package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.it.support.TestDatabase.Login;
import org.ecommerce.it.support.TestDatabase.TwoRoles;
import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.MigrationOptions;
import org.ecommerce.schema.rules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An import into an empty shop: on PostgreSQL its foreign keys are checked once per key at the
 * end of the load rather than once per row, and the schema keeps every key; a row that breaks one
 * is still reported by file and line.
 */
@OnBothEngines
class EmptyShopImportTest {

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    EmptyShopImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void anImportIntoAnEmptyShopLeavesEveryForeignKeyOfTheSchemaInForce() throws Exception {
        // given an export of a shop with rows in every table, an empty database, and a migrated one to compare with
        VariedShop.build(shop);
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        String copyUrl = db.newEmptyDatabaseUrl("keys");
        String migratedUrl = db.newEmptyDatabaseUrl("migrated");
        assertThat(CliRun.of("migrate", "--jdbc-url", migratedUrl).exitCode()).isZero();

        // when the export is imported into it
        CliRun load = CliRun.of("import", dir.toString(), "--jdbc-url", copyUrl);

        // then it went in with a single pass over the files
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.err().lines().filter(line -> line.startsWith("import") && line.contains(" done in "))).hasSize(1);
        // and the copy has the foreign keys of a migrated database, defined alike
        DataSource copy = DemoCommandTest.dataSource(copyUrl);
        DataSource migrated = DemoCommandTest.dataSource(migratedUrl);
        assertThat(foreignKeys(copy)).isNotEmpty().containsExactlyElementsOf(foreignKeys(migrated));

        // and they refuse a row whose parent does not exist (on H2 the score's key, whose row trigger runs first)
        try (PlainSql sql = new PlainSql(copy)) {
            long product = sql.longValue("SELECT MIN(id) FROM product");
            sql.assertRefused("customer_fk", "INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)"
                    + " VALUES (999999, ?, 1, CURRENT_TIMESTAMP)", product);
        }
    }

    @Test
    void aRoleThatMayNotMoveTheIdSequencesIsRefusedBeforeAnythingIsWritten() throws Exception {
        // given an export of a shop with rows in every table, and an empty database that its owner
        // migrated, granting the application role the rows of the library's tables and nothing more
        DataSource source = exportOfAVariedShop();
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("notowner");
        DataSource owner = migratedWithGrants(roles);

        // when the application role imports the export
        CliRun load = importAs(roles.application());

        // then it is refused, saying what the role lacks and whom to import as, and nothing is written
        // (the rows would otherwise be in with the sequences short of their ids, the next ids taken again)
        assertThat(load.exitCode()).as(load.toString()).isNotZero();
        assertThat(load.err()).as(load.toString()).contains("may not move the id sequences")
                .contains(db.engine() == Engine.POSTGRESQL ? "UPDATE and SELECT on the sequences" : "the right to alter the tables")
                .contains("Import as the role that migrated the schema");
        assertThat(ShopContents.tablesWithData(owner)).isEmpty();
        assertThat(ShopContents.tablesWithData(source)).isNotEmpty();
    }

    @Test
    void aRoleThatMayMoveTheIdSequencesButNotDropTheKeysImportsWithTheKeysWhereTheyStand() throws Exception {
        // given the export, and an empty database whose owner also let the application role move the
        // sequences (PostgreSQL: UPDATE on them; H2, which has no such right: an administrator), not
        // drop the foreign keys (on PostgreSQL only the tables' owner may; H2 never drops them)
        DataSource source = exportOfAVariedShop();
        TwoRoles roles = db.newEmptyDatabaseWithApplicationRole("sequences");
        DataSource owner = migratedWithGrants(roles);
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute(db.engine() == Engine.POSTGRESQL
                    ? "GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + roles.application().user()
                    : "ALTER USER " + roles.application().user() + " ADMIN TRUE");
        }
        List<String> keys = foreignKeys(owner);

        // when the application role imports the export
        CliRun load = importAs(roles.application());

        // then every row went in, in a single pass with the keys in force, which stand as they were,
        // and the next ids follow the imported ones
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.err()).as(load.toString()).doesNotContain("import row by row");
        assertThat(ShopContents.rowCounts(owner)).isEqualTo(ShopContents.rowCounts(source));
        assertThat(foreignKeys(owner)).isNotEmpty().isEqualTo(keys);
        Ecommerce imported = Ecommerce.create(owner);
        long next = new ShopFixtures(imported).customer().id();
        try (PlainSql sql = new PlainSql(source)) {
            assertThat(next).isGreaterThan(sql.longValue("SELECT MAX(id) FROM customer"));
        }
    }

    /** A new migrated database holding {@link VariedShop}, exported with its secrets into {@link #dir}. */
    private DataSource exportOfAVariedShop() throws SQLException {
        String sourceUrl = db.newEmptyDatabaseUrl("source");
        assertThat(CliRun.of("migrate", "--jdbc-url", sourceUrl).exitCode()).isZero();
        DataSource source = DemoCommandTest.dataSource(sourceUrl);
        VariedShop.build(Ecommerce.create(source));
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", sourceUrl, "--include-secrets").exitCode()).isZero();
        return source;
    }

    /** Migrates the database as its owner, granting the application role its rows; the owner's data source. */
    private static DataSource migratedWithGrants(TwoRoles roles) {
        DataSource owner = new DriverManagerDataSource(roles.owner().url(), roles.owner().user(), roles.owner().password());
        EcommerceSchema.migrate(owner, MigrationOptions.defaults().grantTo(roles.application().user()));
        return owner;
    }

    private CliRun importAs(Login role) {
        return role.password() == null
                ? CliRun.of("import", dir.toString(), "--jdbc-url", role.url(), "--user", role.user())
                : CliRun.of("import", dir.toString(), "--jdbc-url", role.url(), "--user", role.user(), "--password", role.password());
    }

    @Test
    void anInteractionOfAnUnknownCustomerIsReportedAtItsLineAndNothingIsWritten() throws Exception {
        // given an export of a shop with one interaction, and one of a customer that does not exist appended
        Product product = exportOfAnInteraction();
        Path interactions = dir.resolve("interaction.csv");
        long line = Files.readAllLines(interactions).size() + 1;
        Files.writeString(interactions, "900001,999999," + product.id() + ",1,\"2024-05-01T10:00:00Z\"\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String emptyUrl = db.newEmptyDatabaseUrl("unknowncustomer");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the files were judged again row by row (PostgreSQL, whose first attempt checks the keys only at the end)
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err().contains("import row by row")).as(run.toString()).isEqualTo(db.engine() == Engine.POSTGRESQL);
        // and that row alone is reported, by file, line and column, and nothing is written
        List<String> messages = run.messages().toList();
        assertThat(messages).as(run.toString()).hasSize(2);
        assertThat(messages.getFirst()).startsWith("interaction.csv:" + line + ": customer_id: ");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    @Test
    void anOrderWhoseTotalIsNotTheSumOfItsLinesIsReportedAtItsLineAndNothingIsWritten() throws Exception {
        // given an export of an order of 2 units at 10.00, whose total and grand total the file then says are 25.00
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product product = fixtures.product("10.00", 5);
        Customer buyer = fixtures.customer();
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), fixtures.creditCard(buyer).id(), null,
                new OrderItem(product.id(), 2)));
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        long line = setOrderTotals(dir.resolve("orders.csv"), order.id(), "25.00");
        String emptyUrl = db.newEmptyDatabaseUrl("wrongtotal");

        // when
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the order is refused at its line by the total rule (on PostgreSQL in the second pass,
        // the first having written the lines before their orders), and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err().contains("import row by row")).as(run.toString()).isEqualTo(db.engine() == Engine.POSTGRESQL);
        assertThat(run.messages().toList()).as(run.toString()).first().asString()
                .startsWith("orders.csv:" + line + ": ").contains(Rule.ORDERS_TOTAL_MATCHES_LINES.guarantee());
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }

    /** Sets the total and grand total of the order {@code id} in an exported orders.csv; returns its line. */
    private static long setOrderTotals(Path file, long id, String amount) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        List<String> header = Arrays.stream(lines.getFirst().split(",")).map(name -> name.replace("\"", "")).toList();
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (fields[header.indexOf("id")].equals(Long.toString(id))) {
                fields[header.indexOf("total")] = amount;
                fields[header.indexOf("grand_total")] = amount;
                lines.set(i, String.join(",", fields));
                Files.write(file, lines);
                return i + 1;
            }
        }
        throw new AssertionError("order " + id + " is not in " + file);
    }

    @Test
    void anEmptyShopThatAReaderHoldsOpenIsImportedWithoutWaitingForTheReaderToFinish() throws Exception {
        // given an export, and an empty migrated database whose interaction types a reader's open transaction holds
        Product product = exportOfAnInteraction();
        String emptyUrl = db.newEmptyDatabaseUrl("heldopen");
        assertThat(CliRun.of("migrate", "--jdbc-url", emptyUrl).exitCode()).isZero();
        DataSource copy = DemoCommandTest.dataSource(emptyUrl);
        CliRun run;
        try (Connection reader = copy.getConnection()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM interaction_type")) {
                rs.next();
            }

            // when the export is imported while the reader's transaction stays open
            run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);
            reader.commit();
        }

        // then every row is in, checked with the keys in place: on PostgreSQL in a second pass, after
        // waiting a few seconds for the reader's lock in the first
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err().lines().filter(line -> line.startsWith("import") && line.contains(" done in ")))
                .hasSize(db.engine() == Engine.POSTGRESQL ? 2 : 1);
        try (PlainSql sql = new PlainSql(copy)) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction"))
                    .isEqualTo(ShopContents.rowCounts(db.dataSource()).get("interaction")).isPositive();
            sql.assertRefused("customer_fk", "INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)"
                    + " VALUES (999999, ?, 1, CURRENT_TIMESTAMP)", product.id());
        }
    }

    /** Exports, with secrets, the shop after a customer viewed a new product; returns the product. */
    private Product exportOfAnInteraction() {
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product product = fixtures.product("10.00", 5);
        Customer customer = fixtures.customer();
        shop.interactions().record(customer.id(), product.id(), "view", Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        return product;
    }

    /**
     * Every foreign key of the schema: its table, name and rule on delete, and on PostgreSQL its
     * whole definition and whether it is validated, in that order.
     */
    private static List<String> foreignKeys(DataSource dataSource) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT DISTINCT t.table_name, t.constraint_name, r.delete_rule
                      FROM information_schema.table_constraints t
                      JOIN information_schema.referential_constraints r
                        ON r.constraint_schema = t.constraint_schema AND r.constraint_name = t.constraint_name
                     WHERE t.constraint_type = 'FOREIGN KEY' AND t.table_schema = CURRENT_SCHEMA
                     ORDER BY t.table_name, t.constraint_name""")) {
                while (rs.next()) {
                    keys.add(rs.getString("table_name") + "." + rs.getString("constraint_name") + " on delete "
                            + rs.getString("delete_rule"));
                }
            }
            if (Engine.of(connection) == Engine.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT c.conrelid::regclass::text AS table_name, c.conname,
                               pg_get_constraintdef(c.oid) AS definition, c.convalidated
                          FROM pg_constraint c
                         WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
                         ORDER BY 1, 2""")) {
                    while (rs.next()) {
                        keys.add(rs.getString("table_name") + "." + rs.getString("conname") + " "
                                + rs.getString("definition") + (rs.getBoolean("convalidated") ? "" : " (not validated)"));
                    }
                }
            }
        }
        return keys;
    }
}
