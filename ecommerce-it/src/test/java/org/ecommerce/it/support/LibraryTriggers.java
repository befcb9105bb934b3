package org.ecommerce.it.support;

import java.util.HashMap;
import java.util.Map;

import org.ecommerce.schema.Engine;

/**
 * Every trigger of the library, by name: its table, when it fires and on which events. Both
 * engines are checked against this one list (the rule catalogue's test), so neither can fire a
 * rule on other writes than the other (H2 has no {@code UPDATE OF column}, so neither engine uses
 * one); the schema's tests count the triggers a migration installs against it.
 */
public final class LibraryTriggers {

    /** {@code name -> "table TIMING EVENT, EVENT"}. */
    public static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("order_line_take_stock", "order_line AFTER INSERT"),
            Map.entry("order_line_update_totals", "order_line AFTER INSERT"),
            Map.entry("order_line_immutable", "order_line BEFORE UPDATE, DELETE"),
            Map.entry("orders_total_matches_lines", "orders BEFORE UPDATE"),
            Map.entry("orders_inserted_total_matches_lines", "orders AFTER INSERT"),
            Map.entry("orders_customer_fixed", "orders BEFORE UPDATE"),
            Map.entry("review_requires_purchase", "review BEFORE INSERT, UPDATE"),
            Map.entry("delivery_status_transition", "delivery AFTER UPDATE"),
            Map.entry("delivery_stays_with_order", "delivery BEFORE UPDATE, DELETE"),
            Map.entry("order_return_status_transition", "order_return AFTER UPDATE"),
            Map.entry("order_return_restock", "order_return AFTER UPDATE"),
            Map.entry("order_return_closed_kept", "order_return BEFORE UPDATE, DELETE"),
            Map.entry("return_line_within_purchase", "return_line BEFORE INSERT, UPDATE, DELETE"),
            Map.entry("return_line_identity_fixed", "return_line BEFORE UPDATE"),
            Map.entry("return_line_takes_turn", "return_line BEFORE INSERT, UPDATE, DELETE"),
            Map.entry("order_return_takes_turn", "order_return BEFORE UPDATE"),
            Map.entry("credit_card_kept", "credit_card BEFORE UPDATE, DELETE"),
            Map.entry("gift_card_kept", "gift_card BEFORE UPDATE, DELETE"),
            Map.entry("payment_method_kind_fixed", "payment_method BEFORE UPDATE"),
            Map.entry("payment_method_card_locked", "payment_method BEFORE INSERT"),
            Map.entry("interaction_adds_to_score", "interaction AFTER INSERT"),
            Map.entry("interaction_fixed", "interaction BEFORE UPDATE"));

    /**
     * Triggers that only H2 has, as H2 runs an UPDATE's or DELETE's before-row triggers for all its
     * rows before it writes any: after each written return line or return status, two bring the
     * counts of H2's turn table up to date, which the turn trigger compares before each row
     * (PostgreSQL's turn is a row lock and keeps no counts); after each updated return line, one
     * checks {@code return_exceeds_purchase} again on the lines as written.
     */
    public static final Map<String, String> H2_ONLY = Map.of(
            "return_line_counted", "return_line AFTER INSERT, UPDATE, DELETE",
            "order_return_counted", "order_return AFTER UPDATE",
            "return_line_within_purchase_written", "return_line AFTER UPDATE");

    /** Every trigger the library installs on {@code engine}: {@link #EVENTS}, and on H2 {@link #H2_ONLY}. */
    public static Map<String, String> on(Engine engine) {
        Map<String, String> all = new HashMap<>(EVENTS);
        if (engine == Engine.H2) {
            all.putAll(H2_ONLY);
        }
        return all;
    }

    private LibraryTriggers() {
    }
}
