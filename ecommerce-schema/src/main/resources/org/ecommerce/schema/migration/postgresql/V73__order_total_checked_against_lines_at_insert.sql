-- PostgreSQL: a new order's total is checked against the lines it already has, once per statement.
--
-- An order had to be inserted with total 0 and then updated by its lines' trigger: every order
-- was written twice, a second row version with an entry in each of the order's six indexes. An
-- import into an empty shop sets its foreign keys aside until its commit (each is checked once,
-- set-based, when it is added back), so it can write the lines first and then each order once,
-- with its total. The rule is the same: a total always equals the sum of the order's lines. With
-- the keys in place a new order has no lines yet, so its total must be 0, as before.
--
-- An update's total is still checked per row, before the row is written. An insert's is checked
-- after the statement, over all the orders it inserted (a million orders with one join through
-- order_line_pk rather than a million queries), and refused with the same rule, message and fields.

-- updates only; the insert's check follows
CREATE OR REPLACE FUNCTION orders_total_matches_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    line_sum NUMERIC(12, 2);
BEGIN
    SELECT COALESCE(SUM(subtotal), 0) INTO line_sum FROM order_line WHERE order_id = NEW.id;
    IF NEW.total <> line_sum THEN
        RAISE EXCEPTION 'orders_total_matches_lines: order % total % differs from the sum of its lines %',
                NEW.id, NEW.total, line_sum
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_matches_lines',
                  DETAIL = format('order_id=%s total=%s line_sum=%s', NEW.id, NEW.total, line_sum);
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER orders_total_matches_lines ON orders;
CREATE TRIGGER orders_total_matches_lines BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_total_matches_lines();

-- The first inserted order (by id) whose total differs from the sum of the lines it has is refused.
CREATE FUNCTION orders_inserted_total_matches_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    refused RECORD;
BEGIN
    SELECT n.id, n.total, s.line_sum INTO refused
      FROM new_orders n
     CROSS JOIN LATERAL (SELECT CAST(COALESCE(SUM(l.subtotal), 0) AS NUMERIC(12, 2)) AS line_sum
                           FROM order_line l
                          WHERE l.order_id = n.id) s
     WHERE n.total <> s.line_sum
     ORDER BY n.id
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'orders_total_matches_lines: order % total % differs from the sum of its lines %',
                refused.id, refused.total, refused.line_sum
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_matches_lines',
                  DETAIL = format('order_id=%s total=%s line_sum=%s', refused.id, refused.total, refused.line_sum);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_inserted_total_matches_lines AFTER INSERT ON orders
    REFERENCING NEW TABLE AS new_orders
    FOR EACH STATEMENT EXECUTE FUNCTION orders_inserted_total_matches_lines();

-- Lines written before their order (above) touch no order: with no order at all there is nothing
-- to update; otherwise each touched order is looked up by its key first, and its lines are summed
-- only if it exists. Orders are still updated in id order, through orders_pk, whatever plan is
-- cached (V16).
CREATE OR REPLACE FUNCTION order_line_update_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM orders) THEN
        RETURN NULL;
    END IF;
    FOR touched IN SELECT DISTINCT order_id FROM new_lines ORDER BY order_id LOOP
        UPDATE orders o
           SET (total, grand_total) = (SELECT SUM(l.subtotal), SUM(l.subtotal) - COALESCE(o.deduction, 0)
                                         FROM order_line l
                                        WHERE l.order_id = o.id)
         WHERE o.id = touched;
    END LOOP;
    RETURN NULL;
END $$;

-- CREATE OR REPLACE FUNCTION resets a function's settings: pin these to their schema as V19 does
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema()
                    AND p.proname IN ('orders_total_matches_lines', 'orders_inserted_total_matches_lines',
                                      'order_line_update_totals') LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
