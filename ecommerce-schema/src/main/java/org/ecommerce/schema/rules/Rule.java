package org.ecommerce.schema.rules;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every business rule the database enforces, whoever writes: each named CHECK, UNIQUE and FOREIGN
 * KEY constraint of the library's tables (primary keys aside) and each refusal of a rule trigger.
 * This catalogue is the one list of the rules; the migrations create them and the data-access layer
 * translates their refusals from it.
 *
 * <p>A rule's {@linkplain #databaseName() name} is the same on both engines: the constraint's or
 * unique index's name, or for a trigger rule the name its refusal carries. A refusal names its rule
 * by identity, never only in text:
 * <ul>
 *   <li>PostgreSQL: the error's constraint name ({@code PSQLException.getServerErrorMessage().getConstraint()});
 *       a rule function sets it with {@code RAISE ... USING CONSTRAINT = '<name>'} and writes the
 *       rule's {@linkplain #fields() fields} in the error's DETAIL, in the {@link RefusalDetail} format;</li>
 *   <li>H2 rule triggers: a {@link RuleRefusal} in the error's cause chain, carrying the rule and its fields;</li>
 *   <li>H2 constraints: H2 reports no structured name; its error code tells the constraint's kind
 *       and its message quotes the name first.</li>
 * </ul>
 * The human message is {@code <name>: <explanation>} for trigger rules on both engines.
 */
public enum Rule {

    // customer
    CUSTOMER_EMAIL_FORMAT(check("customer", "An email address has text, one @ and more text, and no spaces.")),
    CUSTOMER_NAME_NOT_BLANK(check("customer", "A customer's name is not blank.")),
    CUSTOMER_GENDER_KNOWN(check("customer", "A customer's gender is female, male, non_binary or undisclosed.")),
    CUSTOMER_COUNTRY_ISO(check("customer", "A customer's country is two upper-case letters (ISO 3166-1 alpha-2).")),
    CUSTOMER_PASSWORD_IS_HASH(check("customer",
            "A customer's password, if one is set, is kept only as an Argon2id PHC string with a salt of 16 bytes or more and a hash of 32 bytes or more, never in clear text.")
            .enforcedBy("CHECK (REGEXP_LIKE, anchored pattern)", "CHECK (REGEXP_LIKE, the same pattern)")),
    // email_key: NFKC, U+0130 to I, upper then lower case in the root locale, final sigma to sigma, NFKC
    CUSTOMER_EMAIL_UNIQUE(unique("customer",
            "No two customers share an email address under its key: NFKC and full case folding, whatever the database's locale.",
            "email")
            .enforcedBy("UNIQUE on stored generated column email_key = email_key(email) (SQL, ICU root locale)",
                    "UNIQUE on invisible generated column email_key = email_key(email) (Java EmailKeys)")),
    CUSTOMER_NO_CARD_NUMBER(check("customer",
            "No email, name or address line of a customer holds a Luhn-valid 13 to 19 digit card number.")
            .enforcedBy("CHECK with contains_card_number(text) (plpgsql)", "CHECK with alias contains_card_number (Java CardNumbers)")),

    // catalogue
    BRAND_NAME_UNIQUE(unique("brand", "No two brands share a name.", "name")),
    BRAND_NAME_NOT_BLANK(check("brand", "A brand's name is not blank.")),
    CATEGORY_NAME_UNIQUE(unique("category", "No two categories share a name.", "name")),
    CATEGORY_NAME_NOT_BLANK(check("category", "A category's name is not blank.")),
    CATEGORY_PARENT_FK(foreignKey("category", "A category's parent is an existing category.", "category", "parent_id")),
    CATEGORY_NOT_OWN_PARENT(check("category", "A category is not its own parent.")),
    PRODUCT_BRAND_FK(foreignKey("product", "A product's brand exists.", "brand", "brand_id")),
    PRODUCT_CATEGORY_FK(foreignKey("product", "A product's category exists.", "category", "category_id")),
    PRODUCT_NAME_NOT_BLANK(check("product", "A product's name is not blank.")),
    PRODUCT_PRICE_NOT_NEGATIVE(check("product", "A product's price is not negative.")),
    PRODUCT_STOCK_NOT_NEGATIVE(check("product", "A product's stock never goes below zero, however it is written.")),

    // basket
    BASKET_CUSTOMER_FK(foreignKey("basket", "A basket belongs to an existing customer.", "customer", "customer_id")),
    BASKET_ONE_PER_CUSTOMER(unique("basket", "A customer has at most one basket, the open one: checking out turns a basket into an order.", "customer_id")),
    BASKET_LINE_BASKET_FK(foreignKey("basket_line", "A basket line belongs to an existing basket.", "basket", "basket_id")),
    BASKET_LINE_PRODUCT_FK(foreignKey("basket_line", "A basket line holds an existing product.", "product", "product_id")),
    BASKET_LINE_QUANTITY_POSITIVE(check("basket_line", "A basket line holds at least one unit.")),

    // payment methods
    PAYMENT_METHOD_CUSTOMER_FK(foreignKey("payment_method", "A payment method belongs to an existing customer.",
            "customer", "customer_id")),
    PAYMENT_METHOD_KIND_KNOWN(check("payment_method", "A payment method is a credit_card or a gift_card.")),
    PAYMENT_METHOD_REMOVED_NOT_DEFAULT(check("payment_method", "A removed payment method is not the default one.")),
    PAYMENT_METHOD_ID_CUSTOMER_UNIQUE(unique("payment_method",
            "A payment method's id with its customer is a key, so that an order can require its own customer's method.",
            "id", "customer_id")),
    PAYMENT_METHOD_ONE_DEFAULT(unique("payment_method", "A customer has at most one default payment method.", "customer_id")
            .enforcedBy("unique index on customer_id WHERE is_default",
                    "UNIQUE on invisible computed column default_of_customer = customer_id when is_default")
            .refusing(Refusal.RULE_VIOLATION)),
    PAYMENT_METHOD_CREDIT_CARD_FK(foreignKey("payment_method",
            "A payment method of kind credit_card has its credit card row, written before it with the id it then takes.",
            "credit_card", "credit_card_key")
            .enforcedBy("FOREIGN KEY on stored generated column credit_card_key = id when kind is credit_card",
                    "FOREIGN KEY on invisible generated column credit_card_key = id when kind is credit_card")),
    PAYMENT_METHOD_GIFT_CARD_FK(foreignKey("payment_method",
            "A payment method of kind gift_card has its gift card row, written before it with the id it then takes.",
            "gift_card", "gift_card_key")
            .enforcedBy("FOREIGN KEY on stored generated column gift_card_key = id when kind is gift_card",
                    "FOREIGN KEY on invisible generated column gift_card_key = id when kind is gift_card")),
    PAYMENT_METHOD_KIND_FIXED(trigger("payment_method",
            "A payment method stays the kind it was created as, under the id it was created with.",
            "payment_method_kind_fixed", "PaymentMethodKindFixed", Refusal.RULE_VIOLATION,
            "payment_method_id", "kind")),
    CREDIT_CARD_IS_CREDIT_CARD(check("credit_card", "A credit card row has the kind credit_card.")),
    CREDIT_CARD_LAST_FOUR_DIGITS(check("credit_card", "A card's last four are four digits.")),
    CREDIT_CARD_TOKEN_UNIQUE(unique("credit_card", "No two cards share a payment processor token.", "processor_token")),
    CREDIT_CARD_KEPT(trigger("credit_card",
            "A payment method's credit card row goes only with the method and never moves to another one.",
            "credit_card_kept", "CreditCardKept", Refusal.RULE_VIOLATION,
            "payment_method_id")),
    CREDIT_CARD_NO_CARD_NUMBER(check("credit_card",
            "A card's brand, holder name and processor token never hold a Luhn-valid 13 to 19 digit card number.")
            .enforcedBy("CHECK with contains_card_number(text) (plpgsql)", "CHECK with alias contains_card_number (Java CardNumbers)")),
    GIFT_CARD_IS_GIFT_CARD(check("gift_card", "A gift card row has the kind gift_card.")),
    GIFT_CARD_SERIAL_UNIQUE(unique("gift_card", "No two gift cards share a serial.", "serial")),
    GIFT_CARD_INITIAL_AMOUNT_POSITIVE(check("gift_card", "A gift card's initial amount is positive.")),
    GIFT_CARD_BALANCE_NOT_NEGATIVE(check("gift_card", "A gift card's balance never goes below zero.")),
    GIFT_CARD_BALANCE_WITHIN_INITIAL(check("gift_card", "A gift card's balance never exceeds its initial amount.")),
    GIFT_CARD_KEPT(trigger("gift_card",
            "A payment method's gift card row goes only with the method and never moves to another one.",
            "gift_card_kept", "GiftCardKept", Refusal.RULE_VIOLATION,
            "payment_method_id")),

    // orders
    ORDERS_CUSTOMER_FK(foreignKey("orders", "An order belongs to an existing customer.", "customer", "customer_id")),
    ORDERS_PAYMENT_METHOD_FK(foreignKey("orders", "An order is paid with a payment method of its own customer.",
            "payment_method", "payment_method_id", "customer_id")),
    ORDERS_IDEMPOTENCY_KEY_UNIQUE(unique("orders",
            "A customer's request retried with the same idempotency key never places a second order.",
            "customer_id", "idempotency_key")),
    ORDERS_NUMBER_UNIQUE(unique("orders",
            "No two orders share the number a customer is told, even after a failover that lost orders.", "number")),
    ORDERS_TOTAL_NOT_NEGATIVE(check("orders", "An order's total is not negative.")),
    ORDERS_DEDUCTION_NOT_NEGATIVE(check("orders", "An order's deduction is not negative.")),
    ORDERS_GRAND_TOTAL_IS_TOTAL_MINUS_DEDUCTION(check("orders", "An order's grand total is its total less its deduction.")),
    ORDERS_GRAND_TOTAL_NOT_NEGATIVE(check("orders", "An order's grand total is not negative.")),
    ORDERS_TOTAL_MATCHES_LINES(trigger("orders",
            "An order's total is the sum of its lines: no insert or update sets another total (a new order has no"
                    + " lines yet, so it starts at 0).",
            "orders_total_matches_lines", "OrdersTotalMatchesLines", Refusal.RULE_VIOLATION,
            "order_id", "total", "line_sum")
            .enforcedBy("trigger orders_total_matches_lines before each update (plpgsql), trigger"
                    + " orders_inserted_total_matches_lines after each insert statement (plpgsql)",
                    "trigger class OrdersTotalMatchesLines, before each update and after each insert")),
    ORDERS_CUSTOMER_FIXED(trigger("orders",
            "Who bought an order, and its id, never change once it has lines, so its reviews and returns stay its buyer's.",
            "orders_customer_fixed", "OrdersCustomerFixed", Refusal.RULE_VIOLATION,
            "order_id", "customer_id")),
    ORDER_LINE_ORDER_FK(foreignKey("order_line", "An order line belongs to an existing order.", "orders", "order_id")),
    ORDER_LINE_PRODUCT_FK(foreignKey("order_line", "An order line sells an existing product.", "product", "product_id")),
    ORDER_LINE_QUANTITY_POSITIVE(check("order_line", "An order line sells at least one unit.")),
    ORDER_LINE_UNIT_PRICE_NOT_NEGATIVE(check("order_line", "An order line's unit price is not negative.")),
    ORDER_LINE_SUBTOTAL_IS_QUANTITY_TIMES_PRICE(check("order_line", "An order line's subtotal is its quantity times its unit price.")),
    OUT_OF_STOCK(trigger("order_line",
            "A sale takes its units from stock in the statement that records it and is refused when fewer are left.",
            "order_line_take_stock", "OrderLineTakeStock", Refusal.OUT_OF_STOCK,
            "product_id", "requested", "available")),
    ORDER_LINE_IMMUTABLE(trigger("order_line", "What was sold stays sold: an order line is never changed or deleted.",
            "order_line_immutable", "OrderLineImmutable", Refusal.RULE_VIOLATION,
            "order_id", "product_id")),

    // deliveries
    DELIVERY_ORDER_FK(foreignKey("delivery", "A delivery belongs to an existing order.", "orders", "order_id")),
    DELIVERY_ONE_PER_ORDER(unique("delivery", "An order has at most one delivery.", "order_id")),
    DELIVERY_TRACKING_NUMBER_UNIQUE(unique("delivery", "No two deliveries share a tracking number.", "tracking_number")),
    DELIVERY_STATUS_KNOWN(check("delivery", "A delivery's status is pending, postponed, delivered or cancelled.")),
    DELIVERY_DELIVERED_AT_IFF_DELIVERED(check("delivery", "A delivery has a delivery time exactly when it is delivered.")),
    DELIVERY_COUNTRY_ISO(check("delivery", "A delivery's country is two upper-case letters (ISO 3166-1 alpha-2).")),
    DELIVERY_NO_CARD_NUMBER(check("delivery", "No address line of a delivery holds a Luhn-valid 13 to 19 digit card number.")
            .enforcedBy("CHECK with contains_card_number(text) (plpgsql)", "CHECK with alias contains_card_number (Java CardNumbers)")),
    DELIVERY_STATUS_TRANSITION(trigger("delivery",
            "A delivery moves only as a row of table status_transition allows: from pending or postponed, "
                    + "to postponed, pending, delivered or cancelled.",
            "delivery_status_transition", "DeliveryStatusTransition", Refusal.INVALID_STATUS_TRANSITION,
            "delivery_id", "from", "to")
            .enforcedBy("trigger delivery_status_transition: status_transition() (plpgsql) reading table status_transition",
                    "trigger class DeliveryStatusTransition reading table status_transition")),
    DELIVERY_STAYS_WITH_ORDER(trigger("delivery",
            "A delivery belongs to its order for good: it is never deleted or moved to another order (cancelling is a status).",
            "delivery_stays_with_order", "DeliveryStaysWithOrder", Refusal.RULE_VIOLATION,
            "delivery_id", "order_id")),

    // returns
    ORDER_RETURN_ORDER_FK(foreignKey("order_return", "A return belongs to an existing order.", "orders", "order_id")),
    ORDER_RETURN_TICKET_UNIQUE(unique("order_return", "No two returns share a ticket number.", "ticket_number")),
    ORDER_RETURN_ID_ORDER_UNIQUE(unique("order_return",
            "A return's id with its order is a key, so that a return line can require its return's order.",
            "id", "order_id")),
    ORDER_RETURN_STATUS_KNOWN(check("order_return", "A return's status is pending, denied, completed or cancelled.")),
    ORDER_RETURN_DUE_AFTER_START(check("order_return", "A return is not due before it starts.")),
    ORDER_RETURN_CLOSED_AT_IFF_CLOSED(check("order_return", "A return has a closing time exactly when it is no longer pending.")),
    ORDER_RETURN_NO_CARD_NUMBER(check("order_return", "A return's reason never holds a Luhn-valid 13 to 19 digit card number.")
            .enforcedBy("CHECK with contains_card_number(text) (plpgsql)", "CHECK with alias contains_card_number (Java CardNumbers)")),
    ORDER_RETURN_STATUS_TRANSITION(trigger("order_return",
            "A return moves only as a row of table status_transition allows: from pending, to denied, completed "
                    + "or cancelled, which are final.",
            "order_return_status_transition", "OrderReturnStatusTransition", Refusal.INVALID_STATUS_TRANSITION,
            "return_id", "from", "to")
            .enforcedBy("trigger order_return_status_transition: status_transition() (plpgsql) reading table status_transition",
                    "trigger class OrderReturnStatusTransition reading table status_transition")),
    ORDER_RETURN_CLOSED_KEPT(trigger("order_return",
            "A return is deleted or renumbered only while pending, so the units a completed return put back are never returned again.",
            "order_return_closed_kept", "OrderReturnClosedKept", Refusal.RULE_VIOLATION,
            "return_id", "status")),
    RETURN_LINE_RETURN_FK(foreignKey("return_line", "A return line belongs to a return of its own order.",
            "order_return", "return_id", "order_id")),
    RETURN_LINE_ORDER_LINE_FK(foreignKey("return_line", "A return line returns a product that its order contains.",
            "order_line", "order_id", "product_id")),
    RETURN_LINE_QUANTITY_POSITIVE(check("return_line", "A return line returns at least one unit.")),
    RETURN_LINE_RETURN_PENDING(trigger("return_line", "A return's lines change only while the return is pending.",
            "return_line_within_purchase", "ReturnLineWithinPurchase", Refusal.INVALID_STATUS_TRANSITION,
            "return_id", "status")),
    RETURN_LINE_IDENTITY_FIXED(trigger("return_line",
            "A return line never moves to another return, order or product; a pending return's lines are deleted and inserted instead.",
            "return_line_identity_fixed", "ReturnLineIdentityFixed", Refusal.RULE_VIOLATION,
            "return_id", "order_id", "product_id")),
    RETURN_EXCEEDS_PURCHASE(trigger("return_line",
            "A product is never returned more often than its order bought it, counting pending and completed returns.",
            "return_line_within_purchase", "ReturnLineWithinPurchase", Refusal.RETURN_EXCEEDS_PURCHASE,
            "order_id", "product_id", "bought", "returned", "requested")),

    // reviews
    REVIEW_CUSTOMER_FK(foreignKey("review", "A review is written by an existing customer.", "customer", "customer_id")),
    REVIEW_PRODUCT_FK(foreignKey("review", "A review is about an existing product.", "product", "product_id")),
    REVIEW_RATING_RANGE(check("review", "A rating is 1 to 5.")),
    REVIEW_NO_CARD_NUMBER(check("review", "A review's text never holds a Luhn-valid 13 to 19 digit card number.")
            .enforcedBy("CHECK with contains_card_number(text) (plpgsql)", "CHECK with alias contains_card_number (Java CardNumbers)")),
    REVIEW_REQUIRES_PURCHASE(trigger("review", "Only a customer with an order containing the product may review it.",
            "review_requires_purchase", "ReviewRequiresPurchase", Refusal.REVIEW_NOT_ALLOWED,
            "customer_id", "product_id")),

    // recommendations
    INTERACTION_TYPE_NAME_UNIQUE(unique("interaction_type", "No two interaction types share a name.", "name")),
    INTERACTION_TYPE_WEIGHT_NOT_NEGATIVE(check("interaction_type", "An interaction type's weight is not negative.")),
    INTERACTION_TYPE_BUILT_IN_NAMES_FIXED(check("interaction_type",
            "The built-in interaction types (view, click, add_to_cart, purchase, review) keep their names.")),
    INTERACTION_CUSTOMER_FK(foreignKey("interaction", "An interaction is by an existing customer.", "customer", "customer_id")),
    INTERACTION_PRODUCT_FK(foreignKey("interaction", "An interaction is with an existing product.", "product", "product_id")),
    INTERACTION_TYPE_FK(foreignKey("interaction", "An interaction has an existing type.", "interaction_type", "type_id")),
    INTERACTION_FIXED(trigger("interaction",
            "An interaction never changes its customer, product, type or time: its score counted them as recorded.",
            "interaction_fixed", "InteractionFixed", Refusal.RULE_VIOLATION,
            "interaction_id")),
    INTERACTION_FOLDED_CUSTOMER_FK(foreignKey("interaction_folded", "Folded interactions are by an existing customer.",
            "customer", "customer_id")),
    INTERACTION_FOLDED_PRODUCT_FK(foreignKey("interaction_folded", "Folded interactions are with an existing product.",
            "product", "product_id")),
    INTERACTION_FOLDED_TYPE_FK(foreignKey("interaction_folded", "Folded interactions have an existing type.",
            "interaction_type", "type_id")),
    INTERACTION_FOLDED_COUNTS_POSITIVE(check("interaction_folded",
            "A folded row counts at least one interaction, and its sum of decay terms is positive.")),
    INTERACTION_FOLDED_HALF_LIFE_POSITIVE(check("interaction_folded", "The half-life a folded row's sum is relative to is positive.")),
    INTERACTION_FOLDED_FIRST_NOT_AFTER_LAST(check("interaction_folded",
            "The first of a folded row's interactions is not later than its last.")),
    RECOMMENDATION_SCORE_CUSTOMER_FK(foreignKey("recommendation_score", "A score is for an existing customer.",
            "customer", "customer_id")),
    RECOMMENDATION_SCORE_PRODUCT_FK(foreignKey("recommendation_score", "A score is for an existing product.",
            "product", "product_id")),
    RECOMMENDATION_SCORE_IN_RANGE(check("recommendation_score",
            "A score is between 0 and 1e300, so that a double never overflows to infinity.")),
    RECOMMENDATION_SETTING_SINGLE_ROW(check("recommendation_setting", "There is one row of recommendation settings.")),
    RECOMMENDATION_SETTING_HALF_LIFE_POSITIVE(check("recommendation_setting", "The scores' half-life is positive.")),
    RECOMMENDATION_SETTING_RETENTION_POSITIVE(check("recommendation_setting",
            "Interactions are kept for at least one month, or for ever.")),
    PRODUCT_SIMILARITY_PRODUCT_FK(foreignKey("product_similarity", "A similarity is from an existing product.",
            "product", "product_id")),
    PRODUCT_SIMILARITY_SIMILAR_FK(foreignKey("product_similarity", "A similarity is to an existing product.",
            "product", "similar_id")),
    PRODUCT_SIMILARITY_NOT_SELF(check("product_similarity", "A product is not listed as similar to itself.")),
    PRODUCT_POPULARITY_PRODUCT_FK(foreignKey("product_popularity", "A popularity is of an existing product.",
            "product", "product_id")),
    // dates and times: every one a shop keeps lies between 1800-01-01 and the end of 9999
    CUSTOMER_BIRTH_DATE_IN_RANGE(check("customer", "A customer's birth date lies between 1800-01-01 and the end of 9999.")),
    CUSTOMER_CREATED_AT_IN_RANGE(check("customer", "A customer's registration time lies between 1800-01-01 and the end of 9999.")),
    PRODUCT_CREATED_AT_IN_RANGE(check("product", "A product's creation time lies between 1800-01-01 and the end of 9999.")),
    BASKET_CREATED_AT_IN_RANGE(check("basket", "A basket's creation time lies between 1800-01-01 and the end of 9999.")),
    BASKET_LINE_ADDED_AT_IN_RANGE(check("basket_line", "The time a product was added to a basket lies between 1800-01-01 and the end of 9999.")),
    PAYMENT_METHOD_EXPIRES_ON_IN_RANGE(check("payment_method", "A payment method's expiry date lies between 1800-01-01 and the end of 9999.")),
    PAYMENT_METHOD_CREATED_AT_IN_RANGE(check("payment_method", "The time a payment method was added lies between 1800-01-01 and the end of 9999.")),
    PAYMENT_METHOD_REMOVED_AT_IN_RANGE(check("payment_method", "The time a payment method was removed lies between 1800-01-01 and the end of 9999.")),
    ORDERS_PLACED_AT_IN_RANGE(check("orders", "The time an order was placed lies between 1800-01-01 and the end of 9999.")),
    DELIVERY_EXPECTED_ON_IN_RANGE(check("delivery", "A delivery's expected date lies between 1800-01-01 and the end of 9999.")),
    DELIVERY_DELIVERED_AT_IN_RANGE(check("delivery", "The time an order was delivered lies between 1800-01-01 and the end of 9999.")),
    DELIVERY_UPDATED_AT_IN_RANGE(check("delivery", "The time a delivery last changed lies between 1800-01-01 and the end of 9999.")),
    ORDER_RETURN_STARTED_ON_IN_RANGE(check("order_return", "The day a return started lies between 1800-01-01 and the end of 9999.")),
    ORDER_RETURN_DUE_ON_IN_RANGE(check("order_return", "The day a return is due lies between 1800-01-01 and the end of 9999.")),
    ORDER_RETURN_CLOSED_AT_IN_RANGE(check("order_return", "The time a return was closed lies between 1800-01-01 and the end of 9999.")),
    REVIEW_REVIEWED_AT_IN_RANGE(check("review", "The time a review was written lies between 1800-01-01 and the end of 9999.")),
    INTERACTION_OCCURRED_AT_IN_RANGE(check("interaction", "The time of an interaction lies between 1800-01-01 and the end of 9999.")),
    RECOMMENDATION_SCORE_UPDATED_AT_IN_RANGE(check("recommendation_score", "The time a score last changed lies between 1800-01-01 and the end of 9999.")),
    INTERACTION_FOLDED_FIRST_AT_IN_RANGE(check("interaction_folded",
            "The time of a folded row's first interaction lies between 1800-01-01 and the end of 9999.")),
    INTERACTION_FOLDED_LAST_AT_IN_RANGE(check("interaction_folded",
            "The time of a folded row's last interaction lies between 1800-01-01 and the end of 9999."));

    /** What sort of database object enforces a rule. */
    public enum Kind {
        /** A CHECK constraint: a condition on one row. */
        CHECK,
        /** A UNIQUE constraint, or a unique index where the rule needs an expression or a condition. */
        UNIQUE,
        /** A FOREIGN KEY constraint. */
        FOREIGN_KEY,
        /** A trigger: a plpgsql function on PostgreSQL, a Java trigger class on H2. */
        TRIGGER
    }

    private static final Map<String, Rule> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Rule::databaseName, Function.identity()));

    private final Definition definition;

    Rule(Definition definition) {
        this.definition = definition;
    }

    /**
     * The rule with this database name (case-insensitive), if the catalogue has one.
     *
     * @param name a constraint, unique index or trigger rule name, e.g. {@code "out_of_stock"}
     */
    public static Optional<Rule> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The rules of one kind, in catalogue order. */
    public static Set<Rule> ofKind(Kind kind) {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (Rule rule : values()) {
            if (rule.kind() == kind) {
                rules.add(rule);
            }
        }
        return Collections.unmodifiableSet(rules);
    }

    /** The rule's name in the database, identical on both engines, e.g. {@code customer_email_unique}. */
    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What sort of database object enforces the rule. */
    public Kind kind() {
        return definition.kind;
    }

    /** The table whose writes the rule refuses. */
    public String table() {
        return definition.table;
    }

    /** What the rule guarantees, in one sentence. */
    public String guarantee() {
        return definition.guarantee;
    }

    /** How PostgreSQL enforces the rule, e.g. {@code "CHECK"} or {@code "trigger order_line_take_stock (plpgsql)"}. */
    public String postgresql() {
        return definition.postgresql;
    }

    /** How H2 enforces the rule, e.g. {@code "CHECK"} or {@code "trigger class OrderLineTakeStock"}. */
    public String h2() {
        return definition.h2;
    }

    /** The kind of error a refusal by this rule becomes. */
    public Refusal refusal() {
        return definition.refusal;
    }

    /**
     * The names of the fields a refusal by this rule carries, in order (see {@link RefusalDetail});
     * empty for constraints, whose refusals carry only the rule's name.
     */
    public List<String> fields() {
        return definition.fields;
    }

    /**
     * The columns of a UNIQUE or FOREIGN KEY rule, in key order (a scoping column such as
     * {@code customer_id} first, the value that must be unique last); empty for other kinds.
     */
    public List<String> columns() {
        return definition.columns;
    }

    /** The table a FOREIGN KEY rule references; empty for other kinds. */
    public Optional<String> references() {
        return Optional.ofNullable(definition.references);
    }

    private static Definition check(String table, String guarantee) {
        return new Definition(Kind.CHECK, table, guarantee, "CHECK", "CHECK", Refusal.RULE_VIOLATION, List.of(), List.of(), null);
    }

    private static Definition unique(String table, String guarantee, String... columns) {
        return new Definition(Kind.UNIQUE, table, guarantee, "UNIQUE", "UNIQUE", Refusal.DUPLICATE, List.of(),
                List.of(columns), null);
    }

    private static Definition foreignKey(String table, String guarantee, String references, String... columns) {
        return new Definition(Kind.FOREIGN_KEY, table, guarantee, "FOREIGN KEY", "FOREIGN KEY", Refusal.NOT_FOUND, List.of(),
                List.of(columns), references);
    }

    private static Definition trigger(String table, String guarantee, String postgresqlTrigger, String h2TriggerClass,
                                      Refusal refusal, String... fields) {
        return new Definition(Kind.TRIGGER, table, guarantee, "trigger " + postgresqlTrigger + " (plpgsql)",
                "trigger class " + h2TriggerClass, refusal, List.of(fields), List.of(), null);
    }

    /** One catalogue entry; the factories above give each kind its usual enforcement and refusal. */
    private record Definition(Kind kind, String table, String guarantee, String postgresql, String h2, Refusal refusal,
                              List<String> fields, List<String> columns, String references) {

        Definition enforcedBy(String onPostgresql, String onH2) {
            return new Definition(kind, table, guarantee, onPostgresql, onH2, refusal, fields, columns, references);
        }

        Definition refusing(Refusal other) {
            return new Definition(kind, table, guarantee, postgresql, h2, other, fields, columns, references);
        }
    }
}
