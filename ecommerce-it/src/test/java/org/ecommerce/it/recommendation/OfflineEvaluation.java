package org.ecommerce.it.recommendation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.recommendation.Recommendation;
import org.ecommerce.dao.recommendation.RecommendationModel;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.cli.generate.SyntheticShop;
import org.ecommerce.cli.generate.SyntheticShop.Dataset;
import org.ecommerce.cli.generate.SyntheticShop.Event;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.TestDatabase;

/**
 * Offline evaluation of the recommendations on a {@link SyntheticShop}, leave-last-purchase-out.
 *
 * <p>For every customer with at least 3 purchases, the chronologically last purchase is held out,
 * and so is everything that customer did from the start of the session that led to it (the views,
 * clicks and cart of the same product seconds earlier would give the answer away) and after it.
 * Everything else is loaded through plain SQL (the triggers keep the scores), the model is
 * rebuilt, and each held-out customer gets 10 products, never one already bought or sold out,
 * from (a) the most bought products, (b) the plain weighted score (sum of interaction weights per
 * product, no decay), padded with (a) when it has fewer than 10, and (c) {@code topFor}.
 */
final class OfflineEvaluation {

    static final int N = 10;

    /** One model's result. */
    record Score(String model, int hits, double ndcgSum, int customers) {
        double hitRate() {
            return (double) hits / customers;
        }

        double ndcg() {
            return ndcgSum / customers;
        }
    }

    /** The whole result, with the dataset's sizes. */
    record Report(SyntheticShop.Size size, int events, int trainingInteractions, int heldOutCustomers,
                  Score popular, Score seed, Score full) {

        /** The table for docs/RECOMMENDATIONS.md. */
        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "dataset: %d customers, %d products, %d categories, %d brands, "
                            + "%d interactions generated, %d used for training, %d held-out purchases (seed %d)%n%n",
                    size.customers(), size.products(), size.categories(), size.brands(), events,
                    trainingInteractions, heldOutCustomers, size.seed()));
            out.append("| model | hit-rate@10 | NDCG@10 |\n|---|---|---|\n");
            for (Score s : List.of(popular, seed, full)) {
                out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f |%n", s.model(), s.hitRate(), s.ndcg()));
            }
            out.append(String.format(Locale.ROOT, "%nfull / popular: hit-rate x%.2f, NDCG x%.2f; "
                            + "full / seed: hit-rate x%.2f, NDCG x%.2f%n",
                    full.hitRate() / popular.hitRate(), full.ndcg() / popular.ndcg(),
                    full.hitRate() / seed.hitRate(), full.ndcg() / seed.ndcg()));
            return out.toString();
        }
    }

    record HeldOut(int customer, int product, Instant sessionStart) {
    }

    private OfflineEvaluation() {
    }

    /** The loaded, rebuilt shop and what is needed to score the models on it. */
    record Prepared(Dataset data, Ids ids, Map<Integer, HeldOut> heldOut, Map<Integer, Set<Long>> bought,
                    Set<Long> soldOut, int trainingInteractions, OneConnection connection,
                    double loadSeconds, double rebuildSeconds) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Generates the shop, loads everything but the held-out sessions with plain SQL, and rebuilds. */
    static Prepared prepare(TestDatabase db, SyntheticShop.Size size) throws SQLException {
        Dataset data = SyntheticShop.generate(size);
        Map<Integer, HeldOut> heldOut = heldOut(data);
        List<Event> training = data.events().stream().filter(e -> {
            HeldOut h = heldOut.get(e.customer());
            return h == null || e.at().isBefore(h.sessionStart());
        }).toList();

        OneConnection connection = new OneConnection(db.dataSource());
        long started = System.nanoTime();
        Ids ids = load(connection.connection(), data, training);
        long loaded = System.nanoTime();
        Ecommerce.builder(connection.dataSource()).build().recommendations().rebuildAll();
        long rebuilt = System.nanoTime();

        Map<Integer, Set<Long>> bought = new HashMap<>();
        for (Event e : training) {
            if (e.type().equals(InteractionType.PURCHASE)) {
                bought.computeIfAbsent(e.customer(), k -> new HashSet<>()).add(ids.product(e.product()));
            }
        }
        Set<Long> soldOut = new HashSet<>();
        data.products().stream().filter(p -> p.stock() == 0).forEach(p -> soldOut.add(ids.product(p.index())));
        return new Prepared(data, ids, heldOut, bought, soldOut, training.size(), connection,
                (loaded - started) / 1e9, (rebuilt - loaded) / 1e9);
    }

    /** Ranks 10 products per held-out customer with the three models. */
    static Report evaluate(Prepared shop, RecommendationModel model) throws SQLException {
        RecommendationRepository recommendations = Ecommerce.builder(shop.connection().dataSource())
                .recommendationModel(model).build().recommendations();
        Tally popular = new Tally("(a) most popular");
        Tally seed = new Tally("(b) seed: plain weighted score");
        Tally full = new Tally("(c) full model");
        Connection c = shop.connection().connection();
        List<Long> mostBought = mostBought(c);
        for (HeldOut h : shop.heldOut().values().stream().sorted(Comparator.comparingInt(HeldOut::customer)).toList()) {
            long customerId = shop.ids().customer(h.customer());
            long answer = shop.ids().product(h.product());
            Set<Long> excluded = new HashSet<>(shop.soldOut());
            excluded.addAll(shop.bought().getOrDefault(h.customer(), Set.of()));
            popular.add(firstN(List.of(mostBought), excluded), answer);
            seed.add(firstN(List.of(plainWeightedScore(c, customerId), mostBought), excluded), answer);
            full.add(recommendations.topFor(customerId, N).stream().map(Recommendation::productId).toList(), answer);
        }
        return new Report(shop.data().size(), shop.data().events().size(), shop.trainingInteractions(),
                shop.heldOut().size(), popular.score(), seed.score(), full.score());
    }

    /** The last purchase of every customer with at least 3, and when its session began. */
    private static Map<Integer, HeldOut> heldOut(Dataset data) {
        Map<Integer, Integer> purchases = new HashMap<>();
        Map<Integer, Event> last = new HashMap<>();
        Map<Integer, Instant> sessionStart = new HashMap<>();
        for (Event e : data.events()) {
            sessionStart.merge(e.session(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            if (e.type().equals(InteractionType.PURCHASE)) {
                purchases.merge(e.customer(), 1, Integer::sum);
                last.put(e.customer(), e); // events are in time order
            }
        }
        Map<Integer, HeldOut> heldOut = new HashMap<>();
        last.forEach((customer, e) -> {
            if (purchases.get(customer) >= 3) {
                heldOut.put(customer, new HeldOut(customer, e.product(), sessionStart.get(e.session())));
            }
        });
        return heldOut;
    }

    static List<Long> mostBought(Connection c) throws SQLException {
        return ids(c, """
                SELECT i.product_id FROM interaction i JOIN interaction_type t ON t.id = i.type_id
                 WHERE t.name = 'purchase'
                 GROUP BY i.product_id
                 ORDER BY COUNT(*) DESC, i.product_id""");
    }

    /** The plain weighted score: the sum of the weights, no decay, best first. */
    static List<Long> plainWeightedScore(Connection c, long customerId) throws SQLException {
        return ids(c, """
                SELECT i.product_id FROM interaction i JOIN interaction_type t ON t.id = i.type_id
                 WHERE i.customer_id = ?
                 GROUP BY i.product_id
                 ORDER BY SUM(t.weight) DESC, i.product_id""", customerId);
    }

    private static List<Long> ids(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    static List<Long> firstN(List<List<Long>> rankings, Set<Long> excluded) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (List<Long> ranking : rankings) {
            for (long id : ranking) {
                if (chosen.size() == N) {
                    return List.copyOf(chosen);
                }
                if (!excluded.contains(id)) {
                    chosen.add(id);
                }
            }
        }
        return List.copyOf(chosen);
    }

    /** Hits and NDCG of one model; one relevant product per customer, so NDCG is 1 / log2(rank + 1). */
    private static final class Tally {
        private final String model;
        private int hits;
        private double ndcg;
        private int customers;

        Tally(String model) {
            this.model = model;
        }

        void add(List<Long> ranking, long answer) {
            customers++;
            int rank = ranking.indexOf(answer);
            if (rank >= 0 && rank < N) {
                hits++;
                ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
            }
        }

        Score score() {
            return new Score(model, hits, ndcg, customers);
        }
    }

    /** Database ids of the generated customers and products. */
    record Ids(long[] customers, long[] products) {
        long customer(int index) {
            return customers[index];
        }

        long product(int index) {
            return products[index];
        }
    }

    /** Loads catalogue, customers and the training interactions with plain JDBC batches. */
    private static Ids load(Connection c, Dataset data, List<Event> training) throws SQLException {
        c.setAutoCommit(false);
        String tag = "syn" + data.size().seed() + "-";
        SyntheticShop.Size size = data.size();
        batch(c, "INSERT INTO category (name) VALUES (?)", size.categories(), (ps, i) -> ps.setString(1, tag + "category-" + i));
        batch(c, "INSERT INTO brand (name) VALUES (?)", size.brands(), (ps, i) -> ps.setString(1, tag + "brand-" + i));
        Map<String, Long> categories = byName(c, "category", tag);
        Map<String, Long> brands = byName(c, "brand", tag);
        batch(c, "INSERT INTO product (name, brand_id, category_id, price, stock) VALUES (?, ?, ?, ?, ?)",
                size.products(), (ps, i) -> {
                    SyntheticShop.Product p = data.products().get(i);
                    ps.setString(1, tag + "product-" + i);
                    ps.setLong(2, brands.get(tag + "brand-" + p.brand()));
                    ps.setLong(3, categories.get(tag + "category-" + p.category()));
                    ps.setBigDecimal(4, new BigDecimal("10.00"));
                    ps.setInt(5, p.stock());
                });
        batch(c, "INSERT INTO customer (email, name, address_street, address_city, address_postcode, address_country, "
                + "password_hash) VALUES (?, ?, '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)", size.customers(), (ps, i) -> {
                    ps.setString(1, tag + "customer-" + i + "@example.com");
                    ps.setString(2, tag + "customer-" + i);
                    ps.setString(3, PlainShop.SOME_HASH);
                });
        Map<String, Long> products = byName(c, "product", tag);
        Map<String, Long> customers = byName(c, "customer", tag);
        long[] productIds = new long[size.products()];
        long[] customerIds = new long[size.customers()];
        for (int i = 0; i < productIds.length; i++) {
            productIds[i] = products.get(tag + "product-" + i);
        }
        for (int i = 0; i < customerIds.length; i++) {
            customerIds[i] = customers.get(tag + "customer-" + i);
        }
        Map<String, Short> types = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id, name FROM interaction_type")) {
            while (rs.next()) {
                types.put(rs.getString(2), rs.getShort(1));
            }
        }
        batch(c, "INSERT INTO interaction (customer_id, product_id, type_id, occurred_at) VALUES (?, ?, ?, ?)",
                training.size(), (ps, i) -> {
                    Event e = training.get(i);
                    ps.setLong(1, customerIds[e.customer()]);
                    ps.setLong(2, productIds[e.product()]);
                    ps.setShort(3, types.get(e.type()));
                    ps.setObject(4, e.at().atOffset(ZoneOffset.UTC));
                });
        c.setAutoCommit(true);
        return new Ids(customerIds, productIds);
    }

    private interface RowBinder {
        void bind(PreparedStatement ps, int row) throws SQLException;
    }

    private static void batch(Connection c, String sql, int rows, RowBinder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                binder.bind(ps, i);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
    }

    private static Map<String, Long> byName(Connection c, String table, String tag) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM " + table + " WHERE name LIKE ?")) {
            ps.setString(1, tag + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
