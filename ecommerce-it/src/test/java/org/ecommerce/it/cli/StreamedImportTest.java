package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.Interaction;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's large tables (interactions and the recommendation model) stream from their files
 * and are written with COPY on PostgreSQL, batched INSERTs on H2: every row still goes through
 * the score trigger, and a row the database refuses is named by file and line.
 */
@OnBothEngines
class StreamedImportTest {

    /** More rows than one INSERT batch (500) and than one COPY send (64 KiB of CSV). */
    private static final int ROWS = 1_700;
    private static final String HEADER = "\"id\",\"customer_id\",\"product_id\",\"type_id\",\"occurred_at\"\n";
    /** The migrations' seeds: view 1, click 2, add_to_cart 4, purchase 8, review 5; 30-day half-life from 2025-01-01. */
    private static final double[] WEIGHTS = {0, 1, 2, 4, 8, 5};
    private static final long HALF_LIFE_SECONDS = 2_592_000;
    private static final long DECAY_EPOCH_SECONDS = 1_735_689_600;

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    StreamedImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void interactionsOfCustomersAndProductsTheDatabaseHoldsAreWrittenThroughTheScoreTrigger() throws Exception {
        // given customers and products in the database, and a file of interactions with them only
        ShopFixtures fixtures = new ShopFixtures(shop);
        List<Customer> customers = List.of(fixtures.customer(), fixtures.customer(), fixtures.customer());
        List<Product> products = List.of(fixtures.product("1.00", 5), fixtures.product("2.00", 5));
        List<Object[]> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= ROWS; i++) {
            long customer = customers.get(i % customers.size()).id();
            long product = products.get((i / 3) % products.size()).id();
            int type = 1 + i % 5;
            OffsetDateTime at = OffsetDateTime.of(2025, 1 + i % 12, 1 + i % 28, i % 24, i % 60, 0, 0,
                    i % 2 == 0 ? ZoneOffset.UTC : ZoneOffset.ofHours(2));
            rows.add(new Object[] {(long) i, customer, product, type, at});
            csv.append(i).append(',').append(customer).append(',').append(product).append(',').append(type)
                    .append(",\"").append(at).append("\"\n");
        }
        Files.writeString(dir.resolve("interaction.csv"), csv, StandardCharsets.UTF_8);

        // when it is checked and written (by the owner: an import moves the identity sequences on)
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        assertThat(load.problems()).isEmpty();
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then every row is in, as in the file
        assertThat(written).containsExactly(Map.entry("interaction.csv", ROWS));
        DSLContext dsl = DSL.using(db.dataSource(), Engine.of(db.dataSource()).dialect(), Ecommerce.settings());
        var stored = dsl.fetch("SELECT id, customer_id, product_id, type_id, occurred_at FROM interaction ORDER BY id");
        assertThat(stored).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Object[] expected = rows.get(i);
            assertThat(stored.get(i).get(0, Long.class)).isEqualTo(expected[0]);
            assertThat(stored.get(i).get(1, Long.class)).isEqualTo(expected[1]);
            assertThat(stored.get(i).get(2, Long.class)).isEqualTo(expected[2]);
            assertThat(stored.get(i).get(3, Integer.class)).isEqualTo(expected[3]);
            assertThat(stored.get(i).get(4, OffsetDateTime.class).toInstant())
                    .isEqualTo(((OffsetDateTime) expected[4]).toInstant());
        }

        // and the score trigger fired for each of them: every (customer, product) score is the sum of its decayed weights
        Map<List<Long>, Double> expectedScores = new HashMap<>();
        for (Object[] row : rows) {
            double exponent = (((OffsetDateTime) row[4]).toEpochSecond() - DECAY_EPOCH_SECONDS) / (double) HALF_LIFE_SECONDS;
            expectedScores.merge(List.of((Long) row[1], (Long) row[2]), WEIGHTS[(Integer) row[3]] * Math.pow(2, exponent),
                    Double::sum);
        }
        var scores = dsl.fetch("SELECT customer_id, product_id, score FROM recommendation_score");
        assertThat(scores).hasSize(expectedScores.size());
        for (var score : scores) {
            double expected = expectedScores.get(List.of(score.get(0, Long.class), score.get(1, Long.class)));
            assertThat(score.get(2, Double.class)).isCloseTo(expected, within(expected * 1e-9));
        }

        // and the next interaction recorded gets a new id
        Interaction next = shop.interactions().record(customers.get(0).id(), products.get(0).id(), "view", Instant.now());
        assertThat(next.id()).isGreaterThan(ROWS);
    }

    @Test
    void aStreamedFileWithDuplicateIdsAndUnknownReferencesIsRefusedByLineAndNothingIsWritten() throws Exception {
        // given a file of interactions with a repeated id, an unknown customer and an unreadable time among
        // valid rows, with ids the database does not hold yet
        ShopFixtures fixtures = new ShopFixtures(shop);
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        long first = 1_000_000;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 1_200; i++) {
            csv.append(first + i).append(',').append(customer).append(',').append(product).append(",1,\"2025-03-01T10:00:00Z\"\n");
        }
        csv.append(first + 7).append(',').append(customer).append(',').append(product).append(",2,\"2025-03-01T10:00:00Z\"\n"); // line 1202
        csv.append(first + 1201).append(",999999,").append(product).append(",2,\"2025-03-01T10:00:00Z\"\n"); // line 1203
        csv.append(first + 1202).append(',').append(customer).append(',').append(product).append(",2,\"yesterday\"\n"); // line 1204
        Files.writeString(dir.resolve("interaction.csv"), csv, StandardCharsets.UTF_8);

        long before = ShopContents.rowCounts(db.dataSource()).get("interaction");

        // when it is written
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then each bad row is named by line, the database's refusals by the rule it holds, the others pass
        // (on H2 the score trigger runs before the interaction's own foreign key, so the score's refuses it)
        assertThat(load.problems()).extracting(Object::toString).hasSize(3).satisfiesExactly(
                p -> assertThat(p).isEqualTo("interaction.csv:1202: id: a row with this key is in the database already, or earlier in this file"),
                p -> assertThat(p).startsWith("interaction.csv:1203: customer_id: ").endsWith(" an existing customer."),
                p -> assertThat(p).isEqualTo("interaction.csv:1204: occurred_at: is not a timestamp with offset like"
                        + " 2024-05-31T14:30:00Z: \"yesterday\""));
        assertThat(load.rejectedRows()).isEqualTo(3);
        assertThat(load.acceptedRows()).isEqualTo(1_200);
        assertThat(written).isEmpty();

        // and nothing was written
        assertThat(ShopContents.rowCounts(db.dataSource()).get("interaction")).isEqualTo(before);
    }

    @Test
    void aRowTheDatabaseRefusesIsNamedByFileAndLineAndNothingIsWritten() throws Exception {
        // given an export whose interactions include, after many valid ones, one too far in the
        // future for its score (recommendation_score_in_range: only the database checks it)
        ShopFixtures fixtures = new ShopFixtures(shop);
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        assertThat(CliRun.of("export", dir.toString(), "--jdbc-url", db.ownerUrl(), "--include-secrets").exitCode()).isZero();
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 1_100; i++) {
            rows.append(i).append(',').append(customer).append(',').append(product).append(",1,\"2025-03-01T10:00:00Z\"\n");
        }
        rows.append("1101,").append(customer).append(',').append(product).append(",1,\"2200-01-01T00:00:00Z\"\n");
        rows.append("1102,").append(customer).append(',').append(product).append(",1,\"2025-03-01T10:00:00Z\"\n");
        Path interactions = dir.resolve("interaction.csv");
        long badLine = Files.readString(interactions).chars().filter(c -> c == '\n').count() + 1 + 1_100;
        Files.writeString(interactions, rows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String emptyUrl = db.newEmptyDatabaseUrl("refusedrow");

        // when it is imported
        CliRun run = CliRun.of("import", dir.toString(), "--jdbc-url", emptyUrl);

        // then the database's refusal names the file and line of the row, and nothing is written
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.messages().filter(l -> l.startsWith("interaction.csv:")).toList()).as(run.toString())
                .containsExactly("interaction.csv:" + badLine + ": recommendation_score_in_range: "
                        + "A score is between 0 and 1e300, so that a double never overflows to infinity.");
        assertThat(ShopContents.tablesWithData(DemoCommandTest.dataSource(emptyUrl))).isEmpty();
    }
}
