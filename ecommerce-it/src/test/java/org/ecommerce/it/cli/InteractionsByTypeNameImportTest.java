package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
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
 * interaction.csv may name each interaction's type (column {@code type}) instead of giving its id,
 * and may leave out {@code id}: the statement that writes the rows resolves the name, and the
 * database numbers the rows.
 */
@OnBothEngines
class InteractionsByTypeNameImportTest {

    /** The migrations' seeds: 30-day half-life from 2025-01-01. */
    private static final long HALF_LIFE_SECONDS = 2_592_000;
    private static final long DECAY_EPOCH_SECONDS = 1_735_689_600;
    private static final String HEADER = "\"customer_id\",\"product_id\",\"type\",\"occurred_at\"\n";

    private final TestDatabase db;
    private final Ecommerce shop;

    @TempDir
    private Path dir;

    InteractionsByTypeNameImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
    }

    @Test
    void interactionsGivenByTypeNameWithoutIdsGetTheTypesIdAndTheirIdFromTheDatabase() throws Exception {
        // given a shop with an interaction recorded already, and a file naming types, with no id column
        ShopFixtures fixtures = new ShopFixtures(shop);
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        Interaction before = shop.interactions().record(customer, product, "view", Instant.parse("2025-02-01T00:00:00Z"));
        Files.writeString(dir.resolve("interaction.csv"), HEADER
                + customer + "," + product + ",\"purchase\",\"2025-03-01T10:00:00Z\"\n"
                + customer + "," + product + ",\"add_to_cart\",\"2025-03-02T10:00:00Z\"\n", StandardCharsets.UTF_8);

        // when it is written
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        assertThat(load.problems()).isEmpty();
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then both are in, in file order after the interaction before them, with their types' ids
        assertThat(written).containsExactly(Map.entry("interaction.csv", 2));
        DSLContext dsl = DSL.using(db.dataSource(), Engine.of(db.dataSource()).dialect(), Ecommerce.settings());
        var stored = dsl.fetch("SELECT id, type_id FROM interaction WHERE id > ? ORDER BY id", before.id());
        assertThat(stored).extracting(r -> r.get(1, Integer.class)).containsExactly(4, 3);

        // and the scores count them as any interaction
        double score = dsl.fetchSingle("SELECT score FROM recommendation_score WHERE customer_id = ? AND product_id = ?",
                customer, product).get(0, Double.class);
        double expected = 0;
        for (Object[] e : new Object[][] {{1.0, "2025-02-01T00:00:00Z"}, {8.0, "2025-03-01T10:00:00Z"}, {4.0, "2025-03-02T10:00:00Z"}}) {
            long seconds = Instant.parse((String) e[1]).getEpochSecond();
            expected += (Double) e[0] * Math.pow(2, (seconds - DECAY_EPOCH_SECONDS) / (double) HALF_LIFE_SECONDS);
        }
        assertThat(score).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void aTypeNameNoTypeHasIsRefusedAtItsLineAndNothingIsWritten() throws Exception {
        // given a file naming a type that does not exist among known ones
        ShopFixtures fixtures = new ShopFixtures(shop);
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        Files.writeString(dir.resolve("interaction.csv"), HEADER
                + customer + "," + product + ",\"view\",\"2025-03-01T10:00:00Z\"\n"
                + customer + "," + product + ",\"wishlist\",\"2025-03-01T10:00:00Z\"\n"
                + customer + "," + product + ",\"click\",\"2025-03-01T10:00:00Z\"\n", StandardCharsets.UTF_8);
        long before = ShopContents.rowCounts(db.dataSource()).get("interaction");

        // when it is written
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then the unknown name is named at its line and column, and nothing is written
        assertThat(load.problems()).extracting(Object::toString).containsExactly(
                "interaction.csv:3: type: no interaction type has this name (see interaction_type.csv or the database's"
                        + " interaction_type table)");
        assertThat(written).isEmpty();
        assertThat(ShopContents.rowCounts(db.dataSource()).get("interaction")).isEqualTo(before);
    }

    @Test
    void aFileGivingBothTypeIdAndTypeNameIsRefusedAtItsHeader() throws Exception {
        // given a header with both ways of naming the type
        Files.writeString(dir.resolve("interaction.csv"),
                "\"customer_id\",\"product_id\",\"type_id\",\"type\",\"occurred_at\"\n", StandardCharsets.UTF_8);

        // when it is checked
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);

        // then the header is refused
        assertThat(load.problems()).extracting(Object::toString).containsExactly(
                "interaction.csv:1: header: columns type_id and type both name the interaction's type: give one of them");
    }
}
