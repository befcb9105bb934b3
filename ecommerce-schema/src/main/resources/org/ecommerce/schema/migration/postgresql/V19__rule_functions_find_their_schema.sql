-- PostgreSQL: the rule functions find the library's tables in the schema they were installed in.
--
-- A PL/pgSQL function resolves the table names in its body through the caller's search_path, at
-- run time. Installed in a schema of its own (MigrationOptions.schema), the library is called by
-- sessions whose search_path may not contain that schema, or may find a service's table of the
-- same name first (public.customer): each function's search_path is pinned to its own schema.
-- In public, the default, they stay unpinned: a function with a search_path of its own saves and
-- restores the setting on every call, a cost the default install does not need to pay.
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema()
                    AND p.proname IN ('order_line_take_stock', 'order_line_immutable',
                                      'order_line_update_totals', 'orders_total_matches_lines',
                                      'review_requires_purchase', 'delivery_status_transition',
                                      'order_return_status_transition', 'order_return_restock',
                                      'return_line_within_purchase', 'interaction_adds_to_score') LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
