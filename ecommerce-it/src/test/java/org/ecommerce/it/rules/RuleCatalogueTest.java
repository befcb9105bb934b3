package org.ecommerce.it.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.ReturnExceedsPurchaseException;
import org.ecommerce.dao.ReviewNotAllowedException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.it.support.IsolationLevel;
import org.ecommerce.it.support.LibraryTriggers;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainShop;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.Engine;
import org.ecommerce.schema.rules.RefusalDetail;
import org.ecommerce.schema.rules.Rule;
import org.ecommerce.schema.rules.RuleRefusal;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.util.PSQLException;

/**
 * The rule catalogue ({@link Rule}) and the migrated database agree: every constraint of the
 * library's tables is catalogued and every catalogued constraint exists, and every trigger rule
 * refuses a plain-SQL write with its own name and fields, which the library turns into its typed error,
 * at READ COMMITTED, REPEATABLE READ and SERIALIZABLE (the rules that span rows under concurrent
 * writers: {@link ConcurrentRulesTest}).
 */
@OnBothEngines
class RuleCatalogueTest {

    private static final Set<Rule.Kind> CONSTRAINT_KINDS = Set.of(Rule.Kind.CHECK, Rule.Kind.UNIQUE, Rule.Kind.FOREIGN_KEY);
    private static final String CLOSE_RETURN = "UPDATE order_return SET status = ?, closed_at = CURRENT_TIMESTAMP WHERE id = ?";

    private final TestDatabase db;
    private final PlainSql sql;
    private final PlainShop shop;

    RuleCatalogueTest(TestDatabase db) throws Exception {
        this.db = db;
        sql = new PlainSql(db);
        shop = new PlainShop(sql);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
    }

    // ---- the catalogue and the database's constraints -------------------------------------------

    @Test
    void everyCheckUniqueAndForeignKeyConstraintOfTheLibrarysTablesIsCatalogued() throws Exception {
        // given the constraints and unique indexes the migrations created (primary keys aside)
        Set<String> inDatabase = constraintsInDatabase().keySet();

        // then the catalogue lists each of them
        assertThat(inDatabase).isNotEmpty().allSatisfy(name -> assertThat(Rule.byName(name))
                .as("catalogue entry for the database's constraint " + name).isPresent());
    }

    @Test
    void everyCataloguedConstraintExistsInTheDatabase() throws Exception {
        Set<String> inDatabase = constraintsInDatabase().keySet();

        assertThat(catalogued(CONSTRAINT_KINDS)).allSatisfy(rule -> assertThat(inDatabase)
                .as(rule + " in the database").contains(rule.databaseName()));
    }

    @Test
    void eachConstraintIsOfItsCataloguedKindOnItsCataloguedTableWithItsCataloguedKey() throws Exception {
        Map<String, DatabaseConstraint> inDatabase = constraintsInDatabase();

        for (Rule rule : catalogued(CONSTRAINT_KINDS)) {
            DatabaseConstraint actual = inDatabase.get(rule.databaseName());
            assertThat(actual).as(rule + " in the database").isNotNull();
            assertThat(actual.kind()).as(rule + " kind").isEqualTo(rule.kind());
            assertThat(actual.table()).as(rule + " table").isEqualTo(rule.table());
            assertThat(actual.references()).as(rule + " referenced table").isEqualTo(rule.references().orElse(null));
            // a key declared alike on both engines lists its own columns; an index on an expression
            // (PostgreSQL) or on a computed column (H2) does not
            if (rule.kind() != Rule.Kind.CHECK && rule.postgresql().equals(rule.h2())) {
                assertThat(actual.columns()).as(rule + " columns").isEqualTo(rule.columns());
            }
        }
    }

    @Test
    void everyEntryNamesATableAGuaranteeHowEachEngineEnforcesItAndWhatItsRefusalCarries() {
        for (Rule rule : Rule.values()) {
            assertThat(rule.databaseName()).as(rule + " name").matches("[a-z][a-z0-9_]{0,62}");
            assertThat(Rule.byName(rule.databaseName().toUpperCase())).contains(rule);
            assertThat(rule.table()).as(rule + " table").matches("[a-z][a-z0-9_]*");
            assertThat(rule.guarantee()).as(rule + " guarantee").matches("[A-Z].*\\.").doesNotContain(". ");
            assertThat(rule.postgresql()).as(rule + " on PostgreSQL").isNotBlank();
            assertThat(rule.h2()).as(rule + " on H2").isNotBlank();
            assertThat(rule.refusal()).as(rule + " refusal").isNotNull();
            boolean trigger = rule.kind() == Rule.Kind.TRIGGER;
            assertThat(rule.fields()).as(rule + " fields").allMatch(field -> field.matches("[a-z][a-z0-9_]*"))
                    .doesNotHaveDuplicates();
            assertThat(rule.fields().isEmpty()).as(rule + ": only a trigger rule carries fields").isEqualTo(!trigger);
            assertThat(rule.columns().isEmpty()).as(rule + ": only a key lists columns")
                    .isEqualTo(rule.kind() != Rule.Kind.UNIQUE && rule.kind() != Rule.Kind.FOREIGN_KEY);
            assertThat(rule.references().isPresent()).as(rule + ": only a foreign key references a table")
                    .isEqualTo(rule.kind() == Rule.Kind.FOREIGN_KEY);
        }
    }

    // ---- triggers: the same events on both engines ----------------------------------------------

    @Test
    void everyTriggerFiresOnTheSameEventsOnBothEngines() throws Exception {
        // given the triggers as the engine's own catalogue describes them
        Map<String, String> inDatabase = triggerEventsInDatabase();

        // then each fires on the table, at the time and on the events of the one list (and the triggers only H2 has)
        assertThat(inDatabase).isEqualTo(LibraryTriggers.on(db.engine()));
    }

    /**
     * The triggers that PostgreSQL runs once per statement over its transition table (stock is taken
     * and order totals summed over a statement's new lines, new orders' totals checked, completed
     * returns restocked, the scores summed over a statement's new interactions); H2 has no
     * transition tables and runs them per row.
     * They fire on the same events all the same.
     */
    private static final Set<String> PER_STATEMENT_ON_POSTGRESQL =
            Set.of("order_line_take_stock", "order_line_update_totals", "interaction_adds_to_score",
                    "orders_inserted_total_matches_lines", "order_return_restock");

    @Test
    void everyTriggerFiresPerRowButThoseThatReadATransitionTableOnPostgresql() throws Exception {
        Set<String> perRow = new TreeSet<>(LibraryTriggers.on(db.engine()).keySet());
        if (db.engine() == Engine.POSTGRESQL) {
            perRow.removeAll(PER_STATEMENT_ON_POSTGRESQL);
        }

        assertThat(triggers("action_orientation = 'ROW'")).isEqualTo(perRow);
    }

    /**
     * {@code name -> "table TIMING EVENT, EVENT"}, events in the order INSERT, UPDATE, DELETE; an
     * update trigger limited to columns shows them ({@code UPDATE OF status}).
     */
    private Map<String, String> triggerEventsInDatabase() throws SQLException {
        Map<String, Set<String>> events = new TreeMap<>();
        Map<String, String> tablesAndTimings = new TreeMap<>();
        List<String> order = List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE");
        try (Connection c = db.ownerConnect()) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT trigger_name, event_object_table, action_timing, "
                    + "event_manipulation FROM information_schema.triggers WHERE trigger_schema = CURRENT_SCHEMA")) {
                Map<String, String> parents = partitionParents(c);
                while (rs.next()) {
                    String name = rs.getString(1);
                    String table = rs.getString(2);
                    String described = parents.getOrDefault(table, table) + " " + rs.getString(3);
                    // a trigger that a partitioned table's partitions repeat is listed once, under that table
                    String before = tablesAndTimings.put(name, described);
                    assertThat(before).as("trigger %s on %s", name, table).isIn(null, described);
                    events.computeIfAbsent(name, n -> new TreeSet<>(Comparator.comparing(order::indexOf))).add(rs.getString(4));
                }
            }
            if (db.engine() == Engine.POSTGRESQL) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT trigger_name, string_agg(event_object_column, ', ' "
                        + "ORDER BY event_object_column) FROM information_schema.triggered_update_columns "
                        + "WHERE trigger_schema = current_schema GROUP BY trigger_name")) {
                    while (rs.next()) {
                        Set<String> of = events.get(rs.getString(1));
                        of.remove("UPDATE");
                        of.add("UPDATE OF " + rs.getString(2));
                    }
                }
            }
        }
        Map<String, String> described = new TreeMap<>();
        events.forEach((name, on) -> described.put(name, tablesAndTimings.get(name) + " " + String.join(", ", on)));
        return described;
    }

    /**
     * {@code partition -> partitioned table} for the schema's partitions (PostgreSQL's months of
     * {@code interaction}), tables only; none on H2.
     */
    private Map<String, String> partitionParents(Connection c) throws SQLException {
        Map<String, String> parents = new TreeMap<>();
        if (db.engine() == Engine.POSTGRESQL) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT child.relname AS partition, parent.relname AS parent "
                    + "FROM pg_inherits h JOIN pg_class child ON child.oid = h.inhrelid "
                    + "JOIN pg_class parent ON parent.oid = h.inhparent "
                    + "JOIN pg_namespace n ON n.oid = parent.relnamespace "
                    + "WHERE n.nspname = current_schema AND child.relkind IN ('r', 'p')")) {
                while (rs.next()) {
                    parents.put(rs.getString("partition"), rs.getString("parent"));
                }
            }
        }
        return parents;
    }

    /** The names of the schema's triggers that meet {@code condition} on information_schema.triggers. */
    private Set<String> triggers(String condition) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = db.ownerConnect(); ResultSet rs = c.createStatement().executeQuery("SELECT trigger_name "
                + "FROM information_schema.triggers WHERE trigger_schema = CURRENT_SCHEMA AND " + condition)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    // ---- constraint refusals, translated by name ------------------------------------------------

    @Test
    void aTakenUniqueValueBecomesADuplicateOfItsFieldWithTheValueNowhereInTheError() throws Exception {
        // given a brand and a customer
        String brand = PlainShop.unique("Secret Brand ");
        sql.insert("INSERT INTO brand (name) VALUES (?)", brand);
        String email = PlainShop.unique("secret") + "@example.com";
        shop.customer(email);

        // when their names are taken again, the email in other letter case (a unique index on
        // PostgreSQL, a constraint on a computed column on H2)
        RuntimeException brandTaken = translated(refused("INSERT INTO brand (name) VALUES (?)", brand));
        RuntimeException emailTaken = translated(refused("INSERT INTO customer (email, name, address_street, address_city, "
                + "address_postcode, address_country, password_hash) VALUES (?, 'Ada', '1 Main St', 'Leeds', 'LS1 1AA', 'GB', ?)",
                email.toUpperCase(), PlainShop.SOME_HASH));

        // then each is a duplicate of its field, and neither the error nor any cause holds the value
        assertThat(brandTaken).isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(emailTaken).isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
        for (Throwable t = brandTaken; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(brand);
        }
        for (Throwable t = emailTaken; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContainIgnoringCase(email);
        }
    }

    @Test
    void aMissingReferenceBecomesNotFoundOfTheReferencedEntity() throws Exception {
        long category = sql.insert("INSERT INTO category (name) VALUES (?)", PlainShop.unique("Category "));

        RuntimeException error = translated(refused("INSERT INTO product (name, brand_id, category_id, price, stock) "
                + "VALUES ('Orphan', 987654321, ?, 1.00, 1)", category));

        assertThat(error).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("brand"));
        assertThat(ErrorTranslator.ruleOf(error)).contains(Rule.PRODUCT_BRAND_FK);
    }

    @Test
    void aFailedCheckBecomesARuleViolationNamingTheConstraint() throws Exception {
        RuntimeException error = translated(refused("INSERT INTO brand (name) VALUES ('   ')"));

        assertThat(error).isInstanceOfSatisfying(RuleViolationException.class, e -> {
            assertThat(e.rule()).isEqualTo("brand_name_not_blank");
            assertThat(e.fields()).isEmpty();
        });
    }

    // ---- trigger rules: one conformance case each -----------------------------------------------

    @Test
    void everyTriggerRuleOfTheCatalogueHasAConformanceCase() {
        assertThat(conformanceCases().keySet()).isEqualTo(Rule.ofKind(Rule.Kind.TRIGGER));
    }

    @TestFactory
    Stream<DynamicTest> everyTriggerRuleRefusesPlainSqlWithItsNameAndFieldsAndBecomesItsTypedErrorAtEveryIsolationLevel() {
        return Stream.of(IsolationLevel.values()).flatMap(level -> new TreeMap<>(conformanceCases()).entrySet().stream()
                .map(entry -> dynamicTest(entry.getKey().databaseName() + " [" + level + "]", () -> {
                    level.set(sql.connection());
                    try {
                        conforms(entry.getKey(), entry.getValue());
                    } finally {
                        IsolationLevel.READ_COMMITTED.set(sql.connection());
                    }
                })));
    }

    /** A plain-SQL write that a trigger rule refuses, the fields the refusal must carry, and its typed error. */
    private record Provocation(String statement, List<Object> parameters, Map<String, String> fields,
                               Consumer<RuntimeException> typedError) {
    }

    @FunctionalInterface
    private interface ConformanceCase {
        /** Builds what the write needs and returns the write. */
        Provocation prepare() throws Exception;
    }

    private Map<Rule, ConformanceCase> conformanceCases() {
        return Map.ofEntries(
                Map.entry(Rule.OUT_OF_STOCK, this::anOrderLineForMoreThanIsInStockNamesTheProductTheUnitsAskedAndTheUnitsLeft),
                Map.entry(Rule.ORDER_LINE_IMMUTABLE, this::deletingASoldLineNamesTheOrderAndProduct),
                Map.entry(Rule.ORDERS_TOTAL_MATCHES_LINES, this::aTotalThatDisagreesWithTheLinesNamesTheOrderTheTotalAndTheSum),
                Map.entry(Rule.ORDERS_CUSTOMER_FIXED, this::changingTheBuyerOfAnOrderWithLinesNamesTheOrderAndItsBuyer),
                Map.entry(Rule.REVIEW_REQUIRES_PURCHASE, this::aReviewWithoutAPurchaseNamesTheCustomerAndProduct),
                Map.entry(Rule.DELIVERY_STATUS_TRANSITION, this::reopeningADeliveredDeliveryNamesItAndBothStatuses),
                Map.entry(Rule.DELIVERY_STAYS_WITH_ORDER, this::deletingADeliveryNamesItAndItsOrder),
                Map.entry(Rule.ORDER_RETURN_STATUS_TRANSITION, this::reopeningACompletedReturnNamesItAndBothStatuses),
                Map.entry(Rule.ORDER_RETURN_CLOSED_KEPT, this::deletingACompletedReturnNamesItAndItsStatus),
                Map.entry(Rule.RETURN_LINE_RETURN_PENDING, this::changingALineOfADeniedReturnNamesTheReturnAndItsStatus),
                Map.entry(Rule.RETURN_LINE_IDENTITY_FIXED, this::movingAReturnLineNamesItsReturnOrderAndProduct),
                Map.entry(Rule.RETURN_EXCEEDS_PURCHASE, this::returningMoreThanIsLeftNamesTheOrderProductAndQuantities),
                Map.entry(Rule.CREDIT_CARD_KEPT, this::deletingACreditCardRowNamesItsPaymentMethod),
                Map.entry(Rule.GIFT_CARD_KEPT, this::deletingAGiftCardRowNamesItsPaymentMethod),
                Map.entry(Rule.PAYMENT_METHOD_KIND_FIXED, this::turningACreditCardIntoAGiftCardNamesThePaymentMethodAndItsKind),
                Map.entry(Rule.INTERACTION_FIXED, this::movingAnInteractionToAnotherProductNamesTheInteraction));
    }

    private Provocation anOrderLineForMoreThanIsInStockNamesTheProductTheUnitsAskedAndTheUnitsLeft() throws SQLException {
        // given 2 in stock
        long product = shop.product(2, "10.00");
        long buyer = shop.customer();
        long order = shop.order(buyer, shop.creditCard(buyer));

        // when 3 are sold
        return new Provocation("INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) "
                + "VALUES (?, ?, 3, 10.00, 30.00)", List.of(order, product),
                fields("product_id", product, "requested", 3, "available", 2),
                error -> assertThat(error).isInstanceOfSatisfying(OutOfStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(product);
                    assertThat(e.requested()).hasValue(3);
                    assertThat(e.available()).hasValue(2);
                }));
    }

    private Provocation deletingASoldLineNamesTheOrderAndProduct() throws SQLException {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);

        return new Provocation("DELETE FROM order_line WHERE order_id = ?", List.of(order),
                fields("order_id", order, "product_id", product),
                error -> assertThat(error).isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("order_line_immutable");
                    assertThat(e.fields()).isEqualTo(fields("order_id", order, "product_id", product));
                }));
    }

    private Provocation aTotalThatDisagreesWithTheLinesNamesTheOrderTheTotalAndTheSum() throws SQLException {
        // given an order of one line of 10.00
        long order = shop.purchase(shop.customer(), shop.product(10, "10.00"), 1);

        // when its total is set to 99.00
        return new Provocation("UPDATE orders SET total = 99.00, grand_total = 99.00 WHERE id = ?", List.of(order),
                fields("order_id", order, "total", "99.00", "line_sum", "10.00"),
                error -> assertThat(error).isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("orders_total_matches_lines");
                    assertThat(e.fields()).isEqualTo(fields("order_id", order, "total", "99.00", "line_sum", "10.00"));
                }));
    }

    private Provocation aReviewWithoutAPurchaseNamesTheCustomerAndProduct() throws SQLException {
        long product = shop.product(10, "10.00");
        long stranger = shop.customer();

        return new Provocation("INSERT INTO review (customer_id, product_id, rating) VALUES (?, ?, 5)", List.of(stranger, product),
                fields("customer_id", stranger, "product_id", product),
                error -> assertThat(error).isInstanceOfSatisfying(ReviewNotAllowedException.class, e -> {
                    assertThat(e.customerId()).isEqualTo(stranger);
                    assertThat(e.productId()).isEqualTo(product);
                }));
    }

    private Provocation reopeningADeliveredDeliveryNamesItAndBothStatuses() throws SQLException {
        long delivery = shop.delivery(shop.purchase(shop.customer(), shop.product(10, "10.00"), 1));
        sql.update("UPDATE delivery SET status = 'delivered', delivered_at = CURRENT_TIMESTAMP WHERE id = ?", delivery);

        return new Provocation("UPDATE delivery SET status = 'pending', delivered_at = NULL WHERE id = ?", List.of(delivery),
                fields("delivery_id", delivery, "from", "delivered", "to", "pending"),
                error -> assertThat(error).isInstanceOfSatisfying(InvalidStatusTransitionException.class, e -> {
                    assertThat(e.entity()).isEqualTo("delivery");
                    assertThat(e.from()).isEqualTo("delivered");
                    assertThat(e.to()).isEqualTo("pending");
                }));
    }

    private Provocation reopeningACompletedReturnNamesItAndBothStatuses() throws SQLException {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);
        sql.update(CLOSE_RETURN, "completed", orderReturn);

        return new Provocation("UPDATE order_return SET status = 'pending', closed_at = NULL WHERE id = ?", List.of(orderReturn),
                fields("return_id", orderReturn, "from", "completed", "to", "pending"),
                error -> assertThat(error).isInstanceOfSatisfying(InvalidStatusTransitionException.class, e -> {
                    assertThat(e.entity()).isEqualTo("return");
                    assertThat(e.from()).isEqualTo("completed");
                    assertThat(e.to()).isEqualTo("pending");
                }));
    }

    private Provocation changingALineOfADeniedReturnNamesTheReturnAndItsStatus() throws SQLException {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);
        sql.update(CLOSE_RETURN, "denied", orderReturn);

        return new Provocation("DELETE FROM return_line WHERE return_id = ?", List.of(orderReturn),
                fields("return_id", orderReturn, "status", "denied"),
                error -> assertThat(error).isInstanceOfSatisfying(InvalidStatusTransitionException.class, e -> {
                    assertThat(e.entity()).isEqualTo("return");
                    assertThat(e.from()).isEqualTo("denied");
                }));
    }

    private Provocation returningMoreThanIsLeftNamesTheOrderProductAndQuantities() throws SQLException {
        // given 2 bought and 1 of them in a pending return
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        shop.returnLine(shop.orderReturn(order), order, product, 1);

        // when 2 more are returned
        return new Provocation("INSERT INTO return_line (return_id, order_id, product_id, quantity) VALUES (?, ?, ?, 2)",
                List.of(shop.orderReturn(order), order, product),
                fields("order_id", order, "product_id", product, "bought", 2, "returned", 1, "requested", 2),
                error -> assertThat(error).isInstanceOfSatisfying(ReturnExceedsPurchaseException.class,
                        e -> assertThat(e.productId()).isEqualTo(product)));
    }

    private Provocation changingTheBuyerOfAnOrderWithLinesNamesTheOrderAndItsBuyer() throws SQLException {
        long buyer = shop.customer();
        long order = shop.purchase(buyer, shop.product(10, "10.00"), 1);
        long stranger = shop.customer();

        return new Provocation("UPDATE orders SET customer_id = ?, payment_method_id = ? WHERE id = ?",
                List.of(stranger, shop.creditCard(stranger), order),
                fields("order_id", order, "customer_id", buyer),
                violationOf("orders_customer_fixed", fields("order_id", order, "customer_id", buyer)));
    }

    private Provocation deletingADeliveryNamesItAndItsOrder() throws SQLException {
        long order = shop.purchase(shop.customer(), shop.product(10, "10.00"), 1);
        long delivery = shop.delivery(order);

        return new Provocation("DELETE FROM delivery WHERE id = ?", List.of(delivery),
                fields("delivery_id", delivery, "order_id", order),
                violationOf("delivery_stays_with_order", fields("delivery_id", delivery, "order_id", order)));
    }

    private Provocation deletingACompletedReturnNamesItAndItsStatus() throws SQLException {
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 1);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);
        sql.update(CLOSE_RETURN, "completed", orderReturn);

        return new Provocation("DELETE FROM order_return WHERE id = ?", List.of(orderReturn),
                fields("return_id", orderReturn, "status", "completed"),
                violationOf("order_return_closed_kept", fields("return_id", orderReturn, "status", "completed")));
    }

    private Provocation movingAReturnLineNamesItsReturnOrderAndProduct() throws SQLException {
        // 2 bought, so that the moved line is within the purchase and only its move is refused
        long product = shop.product(10, "10.00");
        long order = shop.purchase(shop.customer(), product, 2);
        long orderReturn = shop.orderReturn(order);
        shop.returnLine(orderReturn, order, product, 1);

        return new Provocation("UPDATE return_line SET return_id = ? WHERE return_id = ?",
                List.of(shop.orderReturn(order), orderReturn),
                fields("return_id", orderReturn, "order_id", order, "product_id", product),
                violationOf("return_line_identity_fixed",
                        fields("return_id", orderReturn, "order_id", order, "product_id", product)));
    }

    private Provocation movingAnInteractionToAnotherProductNamesTheInteraction() throws SQLException {
        long customer = shop.customer();
        long interaction = sql.insert("INSERT INTO interaction (customer_id, product_id, type_id) VALUES (?, ?, 1)",
                customer, shop.product(1, "1.00"));

        return new Provocation("UPDATE interaction SET product_id = ? WHERE id = ?",
                List.of(shop.product(1, "1.00"), interaction),
                fields("interaction_id", interaction),
                violationOf("interaction_fixed", fields("interaction_id", interaction)));
    }

    private Provocation deletingACreditCardRowNamesItsPaymentMethod() throws SQLException {
        long method = shop.creditCard(shop.customer());

        return new Provocation("DELETE FROM credit_card WHERE payment_method_id = ?", List.of(method),
                fields("payment_method_id", method),
                violationOf("credit_card_kept", fields("payment_method_id", method)));
    }

    private Provocation turningACreditCardIntoAGiftCardNamesThePaymentMethodAndItsKind() throws SQLException {
        // given a credit card, and a gift card row with its id that belongs to no payment method
        long method = shop.creditCard(shop.customer());
        sql.update("INSERT INTO gift_card (payment_method_id, serial, initial_amount, balance) VALUES (?, ?, 50.00, 50.00)",
                method, PlainShop.unique("STRAY-"));

        // when the method's kind is changed to the stray row's
        return new Provocation("UPDATE payment_method SET kind = 'gift_card' WHERE id = ?", List.of(method),
                fields("payment_method_id", method, "kind", "credit_card"),
                violationOf("payment_method_kind_fixed", fields("payment_method_id", method, "kind", "credit_card")));
    }

    private Provocation deletingAGiftCardRowNamesItsPaymentMethod() throws SQLException {
        long method = shop.giftCard(shop.customer(), "20.00");

        return new Provocation("DELETE FROM gift_card WHERE payment_method_id = ?", List.of(method),
                fields("payment_method_id", method),
                violationOf("gift_card_kept", fields("payment_method_id", method)));
    }

    /** The typed error of a rule refused as a plain rule violation: its name and fields. */
    private static Consumer<RuntimeException> violationOf(String rule, Map<String, String> fields) {
        return error -> assertThat(error).isInstanceOfSatisfying(RuleViolationException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.fields()).isEqualTo(fields);
        });
    }

    private void conforms(Rule rule, ConformanceCase conformanceCase) throws Exception {
        Provocation provocation = conformanceCase.prepare();

        SQLException refusal = refused(provocation.statement(), provocation.parameters().toArray());

        // the engine itself names the rule and reports every catalogued field, by name, in order
        Reported reported = reported(refusal);
        assertThat(reported.rule()).isEqualTo(rule.databaseName());
        assertThat(List.copyOf(reported.fields().keySet())).isEqualTo(rule.fields());
        assertThat(reported.fields()).isEqualTo(provocation.fields());
        // and the library reads the same rule and turns it into its typed error
        RuntimeException error = translated(refusal);
        assertThat(ErrorTranslator.ruleOf(error)).contains(rule);
        provocation.typedError().accept(error);
    }

    /** A refusal's rule and fields as the engine reports them, without the library's translator. */
    private record Reported(String rule, Map<String, String> fields) {
    }

    private Reported reported(SQLException refusal) {
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat((Object) refusal).isInstanceOf(PSQLException.class);
            var error = ((PSQLException) refusal).getServerErrorMessage();
            return new Reported(error.getConstraint(), RefusalDetail.parse(error.getDetail()));
        }
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleRefusal ruleRefusal) {
                return new Reported(ruleRefusal.rule().databaseName(), ruleRefusal.fields());
            }
        }
        throw new AssertionError("no RuleRefusal among the causes of " + refusal);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private SQLException refused(String statement, Object... parameters) {
        SQLException refusal = catchThrowableOfType(SQLException.class, () -> sql.update(statement, parameters));
        assertThat((Object) refusal).as("refusal of " + statement).isNotNull();
        assertThat(refusal.getSQLState()).as("SQLSTATE of " + refusal.getMessage()).startsWith("23");
        return refusal;
    }

    /** What the library reports for the refusal, wrapped as jOOQ wraps it inside the library. */
    private static RuntimeException translated(SQLException refusal) {
        return ErrorTranslator.translate(new DataAccessException(refusal.getMessage(), refusal));
    }

    /** Field values as the refusals report them: text, in the order given. */
    private static Map<String, String> fields(Object... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return fields;
    }

    private static Set<Rule> catalogued(Set<Rule.Kind> kinds) {
        return Arrays.stream(Rule.values()).filter(rule -> kinds.contains(rule.kind()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A CHECK, UNIQUE or FOREIGN KEY constraint, or a unique index, as the database describes it. */
    private record DatabaseConstraint(String name, String table, Rule.Kind kind, String references, List<String> columns) {
    }

    /**
     * The constraints and unique indexes of the library's tables: primary keys aside, and two
     * tables that hold no shop data: the history table, and H2's truncate guard, whose foreign
     * keys exist only so that H2 refuses TRUNCATE (one mechanism, not one rule per table). On
     * PostgreSQL the partitions of interaction hold copies of its constraints, under the same
     * names: the partitioned table's own are the rules.
     */
    private Map<String, DatabaseConstraint> constraintsInDatabase() throws SQLException {
        String query = db.engine() == Engine.POSTGRESQL ? """
                SELECT c.conname, t.relname, c.contype, r.relname,
                       (SELECT string_agg(a.attname, ',' ORDER BY k.n)
                          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)
                  FROM pg_constraint c
                  JOIN pg_class t ON t.oid = c.conrelid
                  JOIN pg_namespace s ON s.oid = t.relnamespace
                  LEFT JOIN pg_class r ON r.oid = c.confrelid
                 WHERE s.nspname = current_schema() AND c.contype IN ('c', 'u', 'f')
                   AND t.relname <> 'ecommerce_schema_history' AND NOT t.relispartition
                UNION ALL
                SELECT i.relname, t.relname, 'u', NULL, NULL
                  FROM pg_index x
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_class t ON t.oid = x.indrelid
                  JOIN pg_namespace s ON s.oid = t.relnamespace
                 WHERE s.nspname = current_schema() AND x.indisunique AND NOT x.indisprimary
                   AND t.relname <> 'ecommerce_schema_history' AND NOT t.relispartition
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
                """ : """
                SELECT tc.constraint_name, tc.table_name, tc.constraint_type, ref.table_name,
                       (SELECT LISTAGG(k.column_name, ',') WITHIN GROUP (ORDER BY k.ordinal_position)
                          FROM information_schema.key_column_usage k
                         WHERE k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name)
                  FROM information_schema.table_constraints tc
                  LEFT JOIN information_schema.referential_constraints rc
                         ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name
                  LEFT JOIN information_schema.table_constraints ref
                         ON ref.constraint_schema = rc.unique_constraint_schema
                        AND ref.constraint_name = rc.unique_constraint_name
                 WHERE tc.table_schema = CURRENT_SCHEMA AND tc.constraint_type IN ('CHECK', 'UNIQUE', 'FOREIGN KEY')
                   AND tc.table_name NOT IN ('ecommerce_schema_history', 'ecommerce_truncate_guard')
                UNION ALL
                SELECT index_name, table_name, 'UNIQUE', NULL, NULL
                  FROM information_schema.indexes
                 WHERE table_schema = CURRENT_SCHEMA AND index_type_name = 'UNIQUE INDEX' AND NOT is_generated
                   AND table_name NOT IN ('ecommerce_schema_history', 'ecommerce_truncate_guard')
                """;
        Map<String, DatabaseConstraint> constraints = new TreeMap<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                String columns = rs.getString(5);
                DatabaseConstraint constraint = new DatabaseConstraint(rs.getString(1), rs.getString(2), kind(rs.getString(3)),
                        rs.getString(4), columns == null ? null : new ArrayList<>(List.of(columns.split(","))));
                assertThat(constraints.put(constraint.name(), constraint)).as("one constraint named " + constraint.name()).isNull();
            }
        }
        return constraints;
    }

    private static Rule.Kind kind(String databaseKind) {
        return switch (databaseKind) {
            case "c", "CHECK" -> Rule.Kind.CHECK;
            case "u", "UNIQUE" -> Rule.Kind.UNIQUE;
            case "f", "FOREIGN KEY" -> Rule.Kind.FOREIGN_KEY;
            default -> throw new IllegalArgumentException("not a catalogued kind: " + databaseKind);
        };
    }
}
