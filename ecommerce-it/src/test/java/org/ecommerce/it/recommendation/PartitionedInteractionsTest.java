package org.ecommerce.it.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.Interaction;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.dao.interaction.InteractionMaintenance;
import org.ecommerce.dao.interaction.InteractionType;
import org.ecommerce.dao.recommendation.Recommendation;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.junit.jupiter.api.Test;

/**
 * Interactions by month: on PostgreSQL {@code interaction} is partitioned by month and
 * {@code maintain()} keeps the partitions of the coming months and moves waiting rows into new
 * ones; on both engines a retention folds old months into what the recommendations are rebuilt
 * from, so that scores, topFor, alsoBought and a rebuild give the same results before and after
 * (to a relative 1e-9, the tolerance of {@link IncrementalEqualsRebuildTest}).
 */
@OnBothEngines
class PartitionedInteractionsTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'interaction_'yyyy_MM");

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    PartitionedInteractionsTest(TestDatabase db) {
        this.db = db;
        this.shop = Shops.withCheapPasswordHashing(db);
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void theMonthsAheadHavePartitionsAndAnInteractionWaitingInTheDefaultPartitionMovesIntoItsNewMonth() throws Exception {
        // given the migrated schema: this month and the next three have their partitions (PostgreSQL)
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(partitions()).contains(PARTITION.format(thisMonth), PARTITION.format(thisMonth.plusMonths(3)),
                    "interaction_default");
        }
        Customer customer = fixtures.customer();
        Product product = fixtures.product("1.00", 9);

        // when interactions are recorded in this month and in an old month that has no partition,
        // the last instant of that month and the first of the next
        YearMonth old = thisMonth.minusMonths(40);
        Interaction now = shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW, Instant.now());
        Interaction lastOfOld = shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW,
                old.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1));
        Interaction firstAfterOld = shop.interactions().record(customer.id(), product.id(), InteractionType.CLICK,
                old.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        double score = score(customer, product);

        // then each lands in its month's partition, the old ones in the default partition until maintained
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(partitionOf(now)).isEqualTo(PARTITION.format(thisMonth));
            assertThat(partitionOf(lastOfOld)).isEqualTo("interaction_default");
            assertThat(partitionOf(firstAfterOld)).isEqualTo("interaction_default");
        }
        InteractionMaintenance maintained = shop.interactions().maintain();
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(maintained).isEqualTo(new InteractionMaintenance(2, 2, 0, 0));
            assertThat(partitionOf(lastOfOld)).isEqualTo(PARTITION.format(old));
            assertThat(partitionOf(firstAfterOld)).isEqualTo(PARTITION.format(old.plusMonths(1)));
            assertThat(partitions()).doesNotContain(PARTITION.format(thisMonth.plusMonths(4)));
        } else {
            assertThat(maintained).isEqualTo(new InteractionMaintenance(0, 0, 0, 0));
        }
        // and moving counted nothing twice, and maintaining again changes nothing
        assertThat(score(customer, product)).isEqualTo(score);
        assertThat(shop.interactions().maintain()).isEqualTo(new InteractionMaintenance(0, 0, 0, 0));
        try (PlainSql sql = new PlainSql(db)) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ?", customer.id())).isEqualTo(3);
        }
    }

    @Test
    void anInteractionWrittenStraightIntoTheTableThatHoldsItAddsToItsScoreAsRecordingItDoes() throws Exception {
        // given the tables that hold interactions: on PostgreSQL every partition, the default one,
        // one that maintenance made for a row waiting in it and an empty one made for a month ahead;
        // on H2 interaction itself
        Customer direct = fixtures.customer();
        Customer recorded = fixtures.customer();
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        YearMonth moved = thisMonth.minusMonths(30);
        YearMonth ahead = thisMonth.plusMonths(12);
        shop.interactions().record(recorded.id(), fixtures.product("1.00", 9).id(), InteractionType.VIEW,
                moved.atDay(3).atStartOfDay().toInstant(ZoneOffset.UTC));
        shop.interactions().maintain();
        Map<String, Instant> tables = new TreeMap<>();
        if (db.engine() == Engine.POSTGRESQL) {
            try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
                sql.value("SELECT interaction_month_partition(?)", ahead.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            List<String> partitions = partitions();
            assertThat(partitions).contains(PARTITION.format(moved), PARTITION.format(ahead));
            YearMonth without = thisMonth.minusMonths(50);
            while (partitions.contains(PARTITION.format(without))) {
                without = without.minusMonths(1);
            }
            for (String partition : partitions) {
                YearMonth month = partition.equals("interaction_default") ? without
                        : YearMonth.parse(partition.substring("interaction_".length()), DateTimeFormatter.ofPattern("yyyy_MM"));
                tables.put(partition, month.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC));
            }
        } else {
            tables.put("interaction", thisMonth.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC));
        }

        // when one customer's interaction with a product of its own is written by plain SQL straight
        // into each of them, and another customer's with the same product and time is recorded
        Map<String, Product> products = new TreeMap<>();
        try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
            long click = sql.longValue("SELECT id FROM interaction_type WHERE name = 'click'");
            for (Map.Entry<String, Instant> table : tables.entrySet()) {
                Product product = fixtures.product("1.00", 9);
                products.put(table.getKey(), product);
                String id = db.engine() == Engine.POSTGRESQL ? "nextval(pg_get_serial_sequence('interaction', 'id'))" : "DEFAULT";
                sql.update("INSERT INTO " + table.getKey() + " (id, customer_id, product_id, type_id, occurred_at) "
                        + "VALUES (" + id + ", ?, ?, ?, ?)",
                        direct.id(), product.id(), click, table.getValue().atOffset(ZoneOffset.UTC));
                shop.interactions().record(recorded.id(), product.id(), InteractionType.CLICK, table.getValue());
            }
        }

        // then each row is in the table it was written into and adds to its score once, as recording it does
        for (Map.Entry<String, Product> written : products.entrySet()) {
            Product product = written.getValue();
            try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
                assertThat(sql.longValue("SELECT COUNT(*) FROM " + written.getKey() + " WHERE customer_id = ? AND product_id = ?",
                        direct.id(), product.id())).as(written.getKey()).isEqualTo(1);
            }
            double expected = score(recorded, product);
            assertThat(scoreIfAny(direct, product)).as("score of the row written into " + written.getKey())
                    .hasValueSatisfying(score -> assertThat(score).isCloseTo(expected, within(expected * RELATIVE_TOLERANCE)));
        }
        // and the rows that wait in the default partition move into a month of their own counting nothing again
        Instant now = Instant.now();
        Map<String, Double> before = scores(now);
        InteractionMaintenance maintained = shop.interactions().maintain();
        assertSame(scores(now), before);
        if (db.engine() == Engine.POSTGRESQL) {
            // the row written into interaction_default and the one recorded at the same time
            assertThat(maintained.interactionsMoved()).isEqualTo(2);
            try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
                assertThat(sql.longValue("SELECT COUNT(*) FROM interaction_default")).isZero();
            }
        }
    }

    @Test
    void anInteractionNeverChangesInAnyTableThatHoldsItSoItsScoreStaysWhatRecordingGave() throws Exception {
        // given interactions recorded in this month, in a month whose partition maintenance made by
        // attaching it, in a month that has none (PostgreSQL: the default partition) and in a month
        // whose partition was made by hand
        Customer customer = fixtures.customer();
        Customer other = fixtures.customer();
        Product product = fixtures.product("1.00", 9);
        Product otherProduct = fixtures.product("1.00", 9);
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        YearMonth attached = thisMonth.minusMonths(50);
        YearMonth waiting = thisMonth.minusMonths(60);
        YearMonth byHand = thisMonth.plusMonths(20);
        if (db.engine() == Engine.POSTGRESQL) {
            try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
                sql.update("CREATE TABLE interaction_by_hand PARTITION OF interaction FOR VALUES FROM ('" + byHand.atDay(1)
                        + " 00:00:00+00') TO ('" + byHand.plusMonths(1).atDay(1) + " 00:00:00+00')");
            }
        }
        try {
            Map<Interaction, String> recorded = new LinkedHashMap<>();
            recorded.put(shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW, Instant.now()),
                    PARTITION.format(thisMonth));
            recorded.put(shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW,
                    attached.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC)), PARTITION.format(attached));
            shop.interactions().maintain();
            recorded.put(shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW,
                    waiting.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC)), "interaction_default");
            recorded.put(shop.interactions().record(customer.id(), product.id(), InteractionType.VIEW,
                    byHand.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC)), "interaction_by_hand");
            neverChanges(customer, other, product, otherProduct, recorded);
        } finally {
            // the other tests of this class expect no row waiting in the default partition, and take
            // every partition for one that interaction_month_partition made; the dropped row's score
            // is rebuilt away
            shop.interactions().maintain();
            if (db.engine() == Engine.POSTGRESQL) {
                try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
                    sql.update("DROP TABLE interaction_by_hand");
                }
                shop.recommendations().rebuildAll();
            }
        }
    }

    /** {@code recorded}: each interaction and, on PostgreSQL, the partition that holds it. */
    private void neverChanges(Customer customer, Customer other, Product product, Product otherProduct,
                              Map<Interaction, String> recorded) throws Exception {
        double score = score(customer, product);
        if (db.engine() == Engine.POSTGRESQL) {
            for (Map.Entry<Interaction, String> held : recorded.entrySet()) {
                assertThat(partitionOf(held.getKey())).isEqualTo(held.getValue());
            }
        }

        try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
            for (Map.Entry<Interaction, String> held : recorded.entrySet()) {
                String table = db.engine() == Engine.POSTGRESQL ? held.getValue() : "interaction";
                // when a plain-SQL writer moves it to another product through the table that holds it
                // then that is refused
                sql.assertRefused("interaction_fixed", "UPDATE " + table + " SET product_id = ? WHERE id = ?",
                        otherProduct.id(), held.getKey().id());
            }
            // and so is any change of its customer, type or time through interaction
            long first = recorded.keySet().iterator().next().id();
            sql.assertRefused("interaction_fixed", "UPDATE interaction SET customer_id = ? WHERE id = ?", other.id(), first);
            sql.assertRefused("interaction_fixed", "UPDATE interaction SET type_id = type_id + 1 WHERE id = ?", first);
            sql.assertRefused("interaction_fixed", "UPDATE interaction SET occurred_at = ? WHERE id = ?",
                    YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC), first);
            // and nothing changed: every interaction is still there, in the table that held it
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id = ? AND product_id = ?",
                    customer.id(), product.id())).isEqualTo(recorded.size());
        }
        if (db.engine() == Engine.POSTGRESQL) {
            for (Map.Entry<Interaction, String> held : recorded.entrySet()) {
                assertThat(partitionOf(held.getKey())).isEqualTo(held.getValue());
            }
        }
        // and the score is what recording gave
        assertThat(score(customer, product)).isEqualTo(score);
        assertThat(scoreIfAny(customer, otherProduct)).isEmpty();
    }

    @Test
    void aFoldedRowThatARebuildCouldNotReadIsRefusedAndARebuildReadsTheOthers() throws Exception {
        // given a customer and a product
        Customer customer = fixtures.customer();
        Product product = fixtures.product("1.00", 9);
        OffsetDateTime first = OffsetDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime last = first.plusDays(10);
        String fold = "INSERT INTO interaction_folded (customer_id, product_id, type_id, interactions, decayed_count,"
                + " reference_epoch_seconds, half_life_seconds, first_at, last_at) VALUES (?, ?, 1, ?, ?, 1735689600, ?, ?, ?)";

        try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
            // when a plain-SQL writer folds no interaction, a zero sum, no half-life, a first after the last,
            // or a time outside the shop's range, then each is refused by its check
            sql.assertRefused("interaction_folded_counts_positive", fold, customer.id(), product.id(), 0, 1.5, 2592000L, first, last);
            sql.assertRefused("interaction_folded_counts_positive", fold, customer.id(), product.id(), 2, 0.0, 2592000L, first, last);
            sql.assertRefused("interaction_folded_half_life_positive", fold, customer.id(), product.id(), 2, 1.5, 0L, first, last);
            sql.assertRefused("interaction_folded_first_not_after_last", fold, customer.id(), product.id(), 2, 1.5, 2592000L,
                    last, first);
            sql.assertRefused("interaction_folded_first_at_in_range", fold, customer.id(), product.id(), 2, 1.5, 2592000L,
                    first.withYear(1500), last);
            sql.assertRefused("interaction_folded_last_at_in_range", fold, customer.id(), product.id(), 2, 1.5, 2592000L,
                    first, last.plusYears(8000));
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction_folded WHERE customer_id = ?", customer.id())).isZero();

            // when it folds two views as the fold would
            sql.update(fold, customer.id(), product.id(), 2, 1.5, 2592000L, first, last);
        }

        // then a rebuild reads the row into the customer's score
        shop.recommendations().rebuildAll();
        assertThat(scoreIfAny(customer, product)).hasValueSatisfying(score -> assertThat(score).isPositive());
    }

    @Test
    void aRetentionFoldsOldMonthsAndTheRecommendationsStayTheSameBeforeAndAfterARebuild() throws Exception {
        // given customers with interactions over three years, purchases among them, and a rebuild
        List<Customer> customers = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(fixtures.customer());
        }
        for (int i = 0; i < 6; i++) {
            products.add(fixtures.product("1.00", 9));
        }
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        List<InteractionEvent> events = new ArrayList<>();
        int old = 0;
        String[] types = {InteractionType.VIEW, InteractionType.CLICK, InteractionType.ADD_TO_CART, InteractionType.PURCHASE};
        for (int c = 0; c < customers.size(); c++) {
            for (int p = 0; p < products.size(); p++) {
                for (int monthsAgo : new int[] {34, 27, 20, 13, 2, 1}) {
                    if ((c + p + monthsAgo) % 3 == 0) {
                        continue;
                    }
                    Instant at = thisMonth.minusMonths(monthsAgo).atDay(1 + (c * 7 + p * 3) % 27).atStartOfDay()
                            .toInstant(ZoneOffset.UTC).plusSeconds(3_600L * c + 60L * p);
                    events.add(new InteractionEvent(customers.get(c).id(), products.get(p).id(),
                            types[(c + p * 2 + monthsAgo) % types.length], at));
                    old += monthsAgo > 12 ? 1 : 0;
                }
            }
        }
        shop.interactions().recordAll(events.iterator());
        // (on PostgreSQL the months get their partitions)
        shop.interactions().maintain();
        shop.recommendations().rebuildAll();
        Instant centre = Instant.now();
        Map<String, Double> scoresBefore = scores(centre);
        Map<Long, List<Recommendation>> topBefore = topFor(customers);
        Map<Long, List<Recommendation>> alsoBefore = alsoBought(products);
        assertThat(alsoBefore.values()).anySatisfy(list -> assertThat(list).isNotEmpty());
        // (and what a new weight of views would make of them)
        shop.interactions().changeWeight(InteractionType.VIEW, new BigDecimal("3.000"));
        Map<String, Double> reweighted = scores(centre);
        shop.interactions().changeWeight(InteractionType.VIEW, new BigDecimal("1.000"));

        // when a retention of a year is set and the interactions are maintained
        assertThat(shop.interactions().retentionMonths()).isEmpty();
        shop.interactions().changeRetention(OptionalInt.of(12));
        assertThat(shop.interactions().retentionMonths()).hasValue(12);
        Instant cutoff = thisMonth.minusMonths(12).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long olderThanAYear;
        try (PlainSql sql = new PlainSql(db)) {
            // this shop's, and any other test's before the cutoff
            olderThanAYear = sql.longValue("SELECT COUNT(*) FROM interaction WHERE occurred_at < ?", java.sql.Timestamp.from(cutoff));
        }
        assertThat(olderThanAYear).isGreaterThanOrEqualTo(old);
        InteractionMaintenance maintained = shop.interactions().maintain();

        // then the interactions of the months before the last twelve are folded and gone
        assertThat(maintained.interactionsFolded()).isEqualTo(olderThanAYear);
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(maintained.partitionsDropped()).isGreaterThanOrEqualTo(4);
            assertThat(partitions()).doesNotContain(PARTITION.format(thisMonth.minusMonths(13)))
                    .contains(PARTITION.format(thisMonth.minusMonths(2)));
        }
        try (PlainSql sql = new PlainSql(db)) {
            assertThat(sql.longValue("SELECT COUNT(*) FROM interaction WHERE customer_id BETWEEN ? AND ?",
                    customers.get(0).id(), customers.get(customers.size() - 1).id())).isEqualTo(events.size() - old);
        }
        // and the recommendations are what they were, before a rebuild and after it
        assertSame(scores(centre), scoresBefore);
        shop.recommendations().rebuildAll();
        assertSame(scores(centre), scoresBefore);
        assertSameRecommendations(topFor(customers), topBefore);
        assertSameRecommendations(alsoBought(products), alsoBefore);
        // and a new weight applies to the folded interactions as to the others
        shop.interactions().changeWeight(InteractionType.VIEW, new BigDecimal("3.000"));
        assertSame(scores(centre), reweighted);
        shop.interactions().changeWeight(InteractionType.VIEW, new BigDecimal("1.000"));
        // and maintaining again changes nothing
        assertThat(shop.interactions().maintain()).isEqualTo(new InteractionMaintenance(0, 0, 0, 0));

        // and a new interaction after the fold, added by the trigger, equals the rebuild that
        // moves the decay epoch to its day (the folded terms follow the epoch)
        Instant later = thisMonth.plusMonths(1).atDay(20).atStartOfDay().toInstant(ZoneOffset.UTC);
        shop.interactions().record(customers.get(0).id(), products.get(0).id(), InteractionType.VIEW, later);
        Map<String, Double> incremental = scores(centre);
        shop.recommendations().rebuildAll();
        assertThat(shop.recommendations().decay().epoch()).isAfter(centre);
        assertSame(scores(centre), incremental);

        // and keeping everything again keeps what is left
        shop.interactions().changeRetention(OptionalInt.empty());
        assertThat(shop.interactions().maintain().interactionsFolded()).isZero();
    }

    /** Every score, by "customer/product", as of {@code at}. */
    private Map<String, Double> scores(Instant at) throws Exception {
        double factor = shop.recommendations().decay().factorAt(at);
        Map<String, Double> scores = new TreeMap<>();
        try (PlainSql sql = new PlainSql(db);
             var rs = sql.connection().createStatement().executeQuery(
                     "SELECT customer_id, product_id, score, purchased FROM recommendation_score")) {
            while (rs.next()) {
                scores.put(rs.getLong("customer_id") + "/" + rs.getLong("product_id") + (rs.getBoolean("purchased") ? " bought" : ""),
                        rs.getDouble("score") * factor);
            }
        }
        return scores;
    }

    private static void assertSame(Map<String, Double> actual, Map<String, Double> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((pair, score) -> assertThat(actual.get(pair)).as(pair)
                .isCloseTo(score, within(Math.max(score, 1e-300) * RELATIVE_TOLERANCE)));
    }

    private static void assertSameRecommendations(Map<Long, List<Recommendation>> actual, Map<Long, List<Recommendation>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, list) -> {
            assertThat(actual.get(id)).extracting(Recommendation::productId).as("for " + id)
                    .isEqualTo(list.stream().map(Recommendation::productId).toList());
            for (int i = 0; i < list.size(); i++) {
                double score = list.get(i).score();
                assertThat(actual.get(id).get(i).score()).as("for " + id).isCloseTo(score, within(Math.abs(score) * RELATIVE_TOLERANCE));
            }
        });
    }

    private Map<Long, List<Recommendation>> topFor(List<Customer> customers) {
        Map<Long, List<Recommendation>> top = new TreeMap<>();
        customers.forEach(c -> top.put(c.id(), shop.recommendations().topFor(c.id(), 10)));
        return top;
    }

    private Map<Long, List<Recommendation>> alsoBought(List<Product> products) {
        Map<Long, List<Recommendation>> also = new TreeMap<>();
        products.forEach(p -> also.put(p.id(), shop.recommendations().alsoBought(p.id(), 10)));
        return also;
    }

    /** The score of a customer and product, if it has one. */
    private Optional<Double> scoreIfAny(Customer customer, Product product) throws Exception {
        try (PlainSql sql = new PlainSql(db);
             var rs = sql.connection().createStatement().executeQuery("SELECT score FROM recommendation_score "
                     + "WHERE customer_id = " + customer.id() + " AND product_id = " + product.id())) {
            return rs.next() ? Optional.of(rs.getDouble("score")) : Optional.empty();
        }
    }

    private double score(Customer customer, Product product) throws Exception {
        try (PlainSql sql = new PlainSql(db)) {
            return ((Number) sql.value("SELECT score FROM recommendation_score WHERE customer_id = ? AND product_id = ?",
                    customer.id(), product.id())).doubleValue();
        }
    }

    /** PostgreSQL: the partitions of interaction, by name. */
    private List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (PlainSql sql = new PlainSql(db.ownerDataSource());
             var rs = sql.connection().createStatement().executeQuery("SELECT c.relname FROM pg_inherits h "
                     + "JOIN pg_class c ON c.oid = h.inhrelid WHERE h.inhparent = 'interaction'::regclass ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString("relname"));
            }
        }
        return names;
    }

    /** PostgreSQL: the partition an interaction is stored in. */
    private String partitionOf(Interaction interaction) throws Exception {
        try (PlainSql sql = new PlainSql(db.ownerDataSource())) {
            return (String) sql.value("SELECT tableoid::regclass::text FROM interaction WHERE id = ?", interaction.id());
        }
    }
}
