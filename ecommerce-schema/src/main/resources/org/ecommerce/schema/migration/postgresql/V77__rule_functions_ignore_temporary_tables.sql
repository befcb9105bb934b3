-- PostgreSQL: a temporary table never takes the place of a library table in a rule.
--
-- A PL/pgSQL function resolves the table names in its body through its search_path, and a
-- search_path that does not name pg_temp searches the session's temporary tables first. Any role
-- may make temporary tables (PostgreSQL grants TEMPORARY to PUBLIC), so a session that made an
-- empty temporary table named product had order_line_take_stock take no stock and refuse nothing,
-- and the same trick reached every rule that reads another table. Each function that reads or
-- writes a table now runs with its own schema, then pg_temp last, in public too (V19 left public
-- unpinned: saving and restoring the setting costs each call a little).
-- contains_card_number reads no table (and pg_temp is never searched for functions): it stays as
-- it is, a CHECK calls it for every text it guards.
-- A later CREATE OR REPLACE FUNCTION resets a function's settings: pin it again the same way.
-- The functions are named with their arguments: in public, a service's function may share a name.
DO $$
DECLARE
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['delivery_stays_with_order()', 'interaction_adds_to_score()', 'interaction_fixed()',
                             'order_line_immutable()', 'order_line_take_stock()', 'order_line_update_totals()',
                             'order_return_closed_kept()', 'order_return_restock()', 'order_returns_take_turns()',
                             'orders_customer_fixed()', 'orders_inserted_total_matches_lines()',
                             'orders_total_matches_lines()', 'payment_method_card_locked()',
                             'payment_method_kind_fixed()', 'payment_subtype_kept()', 'return_line_identity_fixed()',
                             'return_line_within_purchase()', 'review_requires_purchase()', 'status_transition()',
                             'interaction_maintenance()', 'interaction_month_partition(TIMESTAMP WITH TIME ZONE)'] LOOP
        EXECUTE format('ALTER FUNCTION %I.%s SET search_path = %I, pg_temp', current_schema(), f, current_schema());
    END LOOP;
END $$;
