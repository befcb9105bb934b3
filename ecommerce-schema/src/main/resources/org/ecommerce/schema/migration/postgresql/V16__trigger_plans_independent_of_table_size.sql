-- PostgreSQL: the plans of two rule triggers no longer depend on table size or statistics.
--
-- PL/pgSQL caches the plan of each statement for the life of the session. A statement without
-- parameters (V11's totals UPDATE reads only the transition table) is planned once, on its first
-- run, and a parameterised one gets a generic plan after five runs. A long-lived connection
-- (a pool, a bulk load such as `ecommerce generate`) keeps that plan while the tables grow, and
-- nothing re-plans it until the tables are analysed (never, when autovacuum is off). Measured
-- with auto_explain in one session of the generator:
--   * order_line_update_totals: Hash Join with a Seq Scan on orders (planned for 250 estimated
--     rows), executed once per INSERT statement: its cost grows with the orders table, so a
--     load is quadratic;
--   * review_requires_purchase: a generic plan reading every line of the product (671 lines for
--     one review, all the sales of a popular product) before matching the customer's orders.
-- Both now reach rows only through keys, whatever plan is cached: a statement's cost no longer
-- grows with the tables (a plan made while a table was one page could still be a sequential
-- scan; PostgreSQL's own foreign-key checks share that limit, and ANALYZE re-plans them all).
-- The rules and their messages are unchanged; H2's Java triggers already look rows up by key.

-- Each touched order (in id order, so concurrent statements lock orders in the same order) is
-- re-summed through order_line_pk and updated through orders_pk: the cost of a statement is
-- its number of orders times an index lookup, whatever the size of the tables.
CREATE OR REPLACE FUNCTION order_line_update_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched  BIGINT;
    line_sum NUMERIC;
BEGIN
    FOR touched IN SELECT DISTINCT order_id FROM new_lines ORDER BY order_id LOOP
        SELECT SUM(l.subtotal) INTO line_sum FROM order_line l WHERE l.order_id = touched;
        UPDATE orders o
           SET total = line_sum,
               grand_total = line_sum - COALESCE(o.deduction, 0)
         WHERE o.id = touched;
    END LOOP;
    RETURN NULL;
END $$;

-- The customer's orders (few) are listed, and for each one its line of the product is looked up
-- by the whole key (order_id, product_id), which both order_line_pk and order_line_product_idx
-- hold: the product's other sales are never read. OFFSET 0 keeps the inner EXISTS a per-order
-- lookup (the planner would otherwise turn it into a join that it may drive from the product,
-- as V12's generic plan did, reading all of a popular product's lines for each review).
CREATE OR REPLACE FUNCTION review_requires_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1
                     FROM orders o
                    WHERE o.customer_id = NEW.customer_id
                      AND EXISTS (SELECT 1
                                    FROM order_line l
                                   WHERE l.order_id = o.id
                                     AND l.product_id = NEW.product_id
                                  OFFSET 0)) THEN
        RAISE EXCEPTION 'review_requires_purchase: customer % has not bought product %',
                NEW.customer_id, NEW.product_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'review_requires_purchase';
    END IF;
    RETURN NEW;
END $$;
