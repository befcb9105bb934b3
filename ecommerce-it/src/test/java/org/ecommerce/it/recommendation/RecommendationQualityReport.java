package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ecommerce.cli.generate.SyntheticShop;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.recommendation.RecommendationModel;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.it.recommendation.OfflineEvaluation.Report;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

/**
 * The published quality table (docs/RECOMMENDATIONS.md) on the full-size synthetic shop, and on
 * PostgreSQL the plans and timings of top-N and also-bought. Takes minutes, so its name keeps it
 * out of the normal build; run it with
 * {@code ./mvnw -B verify -pl ecommerce-it -am -Dtest=RecommendationQualityReport -Dsurefire.failIfNoSpecifiedTests=false}.
 * Writes {@code ecommerce-it/target/recommendation-quality-<engine>.md}.
 */
@OnBothEngines
class RecommendationQualityReport {

    private static final int TIMED_CALLS = 200;

    private final TestDatabase db;

    RecommendationQualityReport(TestDatabase db) {
        this.db = db;
    }

    @Test
    void writeTheQualityTableAndThePlans() throws Exception {
        StringBuilder out = new StringBuilder("## " + db.engine().displayName() + "\n\n");
        try (OfflineEvaluation.Prepared shop = OfflineEvaluation.prepare(db, SyntheticShop.Size.FULL)) {
            long started = System.nanoTime();
            Report report = OfflineEvaluation.evaluate(shop, RecommendationModel.DEFAULT);
            out.append(report.markdown());
            out.append(String.format(Locale.ROOT, "%nload (plain-SQL batches, triggers on) %.1f s, rebuildAll %.1f s, "
                    + "evaluation %.1f s%n", shop.loadSeconds(), shop.rebuildSeconds(), (System.nanoTime() - started) / 1e9));
            if (db.engine() == Engine.POSTGRESQL) {
                out.append(plansAndTimings(shop));
            }
            assertThat(report.full().hitRate()).isGreaterThan(report.popular().hitRate());
        }
        System.out.println(out);
        Files.writeString(Path.of("target", "recommendation-quality-" + db.engine().name().toLowerCase(Locale.ROOT) + ".md"),
                out.toString());
    }

    /** EXPLAIN ANALYZE of every statement top-N and also-bought run, and their latency over many calls. */
    private static String plansAndTimings(OfflineEvaluation.Prepared shop) throws Exception {
        OneConnection connection = shop.connection();
        RecommendationRepository recommendations = Ecommerce.builder(connection.dataSource()).build().recommendations();
        long customer = shop.ids().customer(shop.heldOut().keySet().stream().sorted().findFirst().orElseThrow());
        long product;
        try (var s = connection.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT product_id FROM product_similarity GROUP BY product_id "
                     + "ORDER BY COUNT(*) DESC, product_id FETCH FIRST 1 ROWS ONLY")) {
            rs.next();
            product = rs.getLong(1); // the product with the most neighbours: the longest also-bought
        }
        StringBuilder out = new StringBuilder();
        try (var s = connection.connection().createStatement()) {
            s.execute("ANALYZE");
        }
        connection.record();
        recommendations.topFor(customer, 10);
        out.append("\n### topFor(customer ").append(customer).append(", 10): the statements and their plans\n");
        out.append(explain(connection, connection.recorded()));
        connection.record();
        recommendations.alsoBought(product, 10);
        out.append("\n### alsoBought(product ").append(product).append(", 10)\n");
        out.append(explain(connection, connection.recorded()));

        List<Long> customers = Arrays.stream(shop.ids().customers()).limit(TIMED_CALLS).boxed().toList();
        out.append(String.format(Locale.ROOT, "%n### latency over %d customers / products (one connection, warm)%n%n", TIMED_CALLS));
        out.append(latency("topFor(c, 10)", customers, c -> recommendations.topFor(c, 10)));
        List<Long> products = Arrays.stream(shop.ids().products()).limit(TIMED_CALLS).boxed().toList();
        out.append(latency("alsoBought(p, 10)", products, p -> recommendations.alsoBought(p, 10)));
        return out.toString();
    }

    private static String explain(OneConnection connection, List<OneConnection.Statement> statements) throws Exception {
        StringBuilder out = new StringBuilder();
        for (OneConnection.Statement statement : statements) {
            out.append("\n```sql\n").append(statement.sql()).append("\n-- values ").append(statement.values().values())
                    .append("\n```\n```\n");
            try (PreparedStatement ps = connection.connection().prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + statement.sql())) {
                for (Map.Entry<Integer, Object> value : statement.values().entrySet()) {
                    ps.setObject(value.getKey(), value.getValue());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
            out.append("```\n");
        }
        return out.toString();
    }

    private interface Call {
        void run(long id);
    }

    private static String latency(String what, List<Long> ids, Call call) {
        for (long id : ids) {
            call.run(id); // warm up
        }
        List<Double> millis = new ArrayList<>();
        for (long id : ids) {
            long t = System.nanoTime();
            call.run(id);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        millis.sort(Double::compare);
        return String.format(Locale.ROOT, "- %s: median %.2f ms, p95 %.2f ms, max %.2f ms%n", what,
                millis.get(millis.size() / 2), millis.get(millis.size() * 95 / 100), millis.get(millis.size() - 1));
    }
}
