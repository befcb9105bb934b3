package org.ecommerce.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.ecommerce.cli.transfer.ShopImport;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.recommendation.ScoreDecay;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import into a shop that holds data keeps the shop's recommendation model: its setting and
 * interaction types stay, and the scores of the loaded interactions are derived with them.
 */
@OnBothEngines
class LiveShopImportTest {

    private static final Instant NOW = Instant.parse("2025-04-01T00:00:00Z");

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    @TempDir
    private Path dir;

    LiveShopImportTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void aShopThatHoldsDataKeepsItsSettingAndWeightsAndDerivesTheLoadedInteractionsScores() throws Exception {
        // given a shop with a customer and a product, whose views weigh 3
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        shop.interactions().changeWeight(InteractionType.VIEW, new BigDecimal("3.000"));
        ScoreDecay decay = shop.recommendations().decay();
        // and files of another shop's model: other weights, a type the shop lacks, another half-life, a score
        Files.writeString(dir.resolve("interaction_type.csv"), "\"id\",\"name\",\"weight\"\n"
                + "1,\"view\",9.000\n2,\"click\",9.000\n3,\"add_to_cart\",9.000\n4,\"purchase\",9.000\n5,\"review\",9.000\n"
                + "6,\"wishlist\",2.500\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("recommendation_setting.csv"),
                "\"id\",\"half_life_seconds\",\"decay_epoch_seconds\",\"interaction_retention_months\"\n1,86400,1700000000,\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("interaction.csv"), "\"customer_id\",\"product_id\",\"type_id\",\"occurred_at\"\n"
                + customer + "," + product + ",1,\"2025-03-01T10:00:00Z\"\n"
                + customer + "," + product + ",6,\"2025-03-02T10:00:00Z\"\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("recommendation_score.csv"),
                "\"customer_id\",\"product_id\",\"score\",\"updated_at\",\"purchased\"\n"
                        + customer + "," + product + ",1000.0,\"2025-03-02T10:00:00Z\",\"false\"\n", StandardCharsets.UTF_8);

        // when the files are imported
        ShopImport load = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> written = load.write(new PrintWriter(Writer.nullWriter()));

        // then the shop's setting and types stay, the type it lacked is added, the file's score is not loaded
        assertThat(load.problems()).isEmpty();
        assertThat(written).containsEntry("interaction_type.csv", 1).containsEntry("recommendation_setting.csv", 0)
                .containsEntry("interaction.csv", 2).containsEntry("recommendation_score.csv", 0);
        assertThat(load.notLoaded()).containsExactlyInAnyOrder("interaction_type.csv", "recommendation_setting.csv",
                "recommendation_score.csv");
        assertThat(shop.recommendations().decay()).isEqualTo(decay);
        assertThat(shop.interactions().types()).extracting(InteractionType::name, InteractionType::weight)
                .contains(tuple("view", new BigDecimal("3.000")),
                        tuple("click", new BigDecimal("2.000")),
                        tuple("wishlist", new BigDecimal("2.500")));
        // and the score is the one a rebuild derives from the interactions with the shop's weights
        double loaded = shop.recommendations().scoreAt(customer, product, NOW);
        double expected = 3.0 * Math.pow(2, -seconds("2025-03-01T10:00:00Z") / decay.halfLife().toSeconds())
                + 2.5 * Math.pow(2, -seconds("2025-03-02T10:00:00Z") / decay.halfLife().toSeconds());
        assertThat(loaded).isCloseTo(expected, within(expected * 1e-9));
        shop.recommendations().rebuildAll();
        assertThat(shop.recommendations().scoreAt(customer, product, NOW)).isCloseTo(loaded, within(loaded * 1e-9));
    }

    @Test
    void aTypeThatTheShopNamesOtherwiseIsRefusedAtItsLineWithItsInteractions() throws Exception {
        // given a shop that holds data, and a file whose type 1 is not the shop's type 1 (view)
        long customer = fixtures.customer().id();
        long product = fixtures.product("1.00", 5).id();
        Files.writeString(dir.resolve("interaction_type.csv"), "\"id\",\"name\",\"weight\"\n1,\"glance\",1.000\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("interaction.csv"), "\"customer_id\",\"product_id\",\"type_id\",\"occurred_at\"\n"
                + customer + "," + product + ",1,\"2025-03-01T10:00:00Z\"\n"
                + customer + "," + product + ",2,\"2025-03-02T10:00:00Z\"\n", StandardCharsets.UTF_8);

        // when the files are imported, without and with keeping the good rows
        ShopImport strict = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> none = strict.write(new PrintWriter(Writer.nullWriter()));
        ShopImport lenient = ShopImport.check(db.ownerDataSource(), dir);
        Map<String, Integer> some = lenient.write(new PrintWriter(Writer.nullWriter()), true);

        // then the type is refused at its line and nothing is written; kept going, its interaction is left out too
        assertThat(strict.problems()).extracting(Object::toString).singleElement().asString()
                .startsWith("interaction_type.csv:2: name: the shop's interaction type 1 is named view;");
        assertThat(none).isEmpty();
        assertThat(lenient.problems()).extracting(Object::toString).containsExactly(strict.problems().get(0).toString(),
                "interaction.csv:2: type_id: its interaction type (interaction_type.csv) was left out");
        assertThat(some).containsEntry("interaction.csv", 1).containsEntry("interaction_type.csv", 0);
        assertThat(shop.interactions().types()).extracting(InteractionType::name).contains("view").doesNotContain("glance");
        assertThat(shop.recommendations().scoreAt(customer, product, NOW)).isPositive();
    }

    private static double seconds(String interactionAt) {
        return Duration.between(Instant.parse(interactionAt), NOW).getSeconds();
    }
}
