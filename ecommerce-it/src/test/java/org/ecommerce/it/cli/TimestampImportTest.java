package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timestamp in a file is ISO-8601 with its offset, in any of the shapes that standard allows (with
 * or without seconds or a fraction, an offset as Z or hours and minutes, either letter case): each
 * is stored as the instant it names, and one that names no instant is refused at its line.
 */
@OnBothEngines
class TimestampImportTest {

    private static final String HEADER = "\"customer_id\",\"product_id\",\"type\",\"occurred_at\"\n";

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    TimestampImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void everyShapeOfAnIsoTimestampWithOffsetIsStoredAsTheInstantItNames() throws Exception {
        // given interactions whose times take each shape
        List<String> given = List.of("2025-03-01T10:00:00Z", "2025-03-01T10:00:00.5+02:00", "2025-03-01T10:00:00.123456-05:30",
                "2025-03-01T10:00:00+00:00", "2025-03-01T10:00Z", "2025-03-01t10:00:00z", " 2025-03-01T10:00:00+01:00 ",
                "2025-03-01T10:00:00.000001Z", "2025-03-01T10:00:00.+01:00", "2024-02-29T23:59:59-00:00",
                "2025-03-01T10:00:00+18:00", "2025-03-01T10:00:00-00:30");
        interactionsAt(given);

        // when they are imported
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then each is stored as the instant it names, in file order
        assertThat(load.problems()).isEmpty();
        assertThat(written).containsExactly(Map.entry("interaction.csv", given.size()));
        DSLContext dsl = DSL.using(db.dataSource(), Engine.of(db.dataSource()).dialect(), Ecommerce.settings());
        List<Instant> stored = dsl.fetch("SELECT occurred_at FROM interaction ORDER BY id")
                .map(r -> r.get("occurred_at", OffsetDateTime.class).toInstant());
        assertThat(stored).containsExactly(Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T08:00:00.5Z"),
                Instant.parse("2025-03-01T15:30:00.123456Z"), Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T10:00:00.000001Z"),
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2024-02-29T23:59:59Z"),
                Instant.parse("2025-02-28T16:00:00Z"), Instant.parse("2025-03-01T10:30:00Z"));
    }

    @Test
    void aTimestampThatNamesNoInstantIsRefusedAtItsLineAndNothingIsWritten() throws Exception {
        // given times that look like timestamps but name none: a day February 2025 lacks, hour 24,
        // second 60, month 13, an offset beyond 18 hours, ten decimals, no offset, a day April
        // lacks, offsets of 19 hours and of 60 minutes
        List<String> given = List.of("2025-02-29T10:00:00Z", "2025-03-01T24:00:00Z", "2025-03-01T10:00:60Z", "2025-13-01T10:00:00Z",
                "2025-03-01T10:00:00+18:30", "2025-03-01T10:00:00.1234567890Z", "2025-03-01T10:00:00", "2025-04-31T10:00:00Z",
                "2025-03-01T10:00:00+19:00", "2025-03-01T10:00:00+00:60");
        interactionsAt(given);
        long before = ShopContents.rowCounts(db.dataSource()).get("interaction");

        // when they are imported
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then each is refused at its line, and nothing is written
        assertThat(load.problems()).extracting(Object::toString).containsExactly(
                problem(2, "2025-02-29T10:00:00Z"), problem(3, "2025-03-01T24:00:00Z"), problem(4, "2025-03-01T10:00:60Z"),
                problem(5, "2025-13-01T10:00:00Z"), problem(6, "2025-03-01T10:00:00+18:30"),
                problem(7, "2025-03-01T10:00:00.1234567890Z"), problem(8, "2025-03-01T10:00:00"), problem(9, "2025-04-31T10:00:00Z"),
                problem(10, "2025-03-01T10:00:00+19:00"), problem(11, "2025-03-01T10:00:00+00:60"));
        assertThat(written).isEmpty();
        assertThat(ShopContents.rowCounts(db.dataSource()).get("interaction")).isEqualTo(before);
    }

    /** Writes interaction.csv: a view of one product by one customer at each of {@code times}. */
    private void interactionsAt(List<String> times) throws Exception {
        ShopFixtures fixtures = new ShopFixtures(shop);
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        StringBuilder file = new StringBuilder(HEADER);
        times.forEach(at -> file.append(customer).append(',').append(product).append(",\"view\",\"").append(at).append("\"\n"));
        Files.writeString(dir.resolve("interaction.csv"), file, StandardCharsets.UTF_8);
    }

    private static String problem(int line, String text) {
        return "interaction.csv:" + line + ": occurred_at: is not a timestamp with offset like 2024-05-31T14:30:00Z: \"" + text + "\"";
    }
}
