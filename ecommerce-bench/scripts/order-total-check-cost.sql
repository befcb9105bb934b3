-- What the check of a new order's total costs on the hot path on PostgreSQL: 3 000 orders of three
-- lines, each order and its lines their own statements (as placing an order runs them), with the
-- schema's statement-level check over the inserted orders (orders_inserted_total_matches_lines),
-- then with a row-level check that allows only a total of 0 at insert and lines that re-sum their
-- order in a loop. Each variant in its own rolled-back transaction; run it a few times, the order of
-- the two variants matters less than the machine's noise.
-- Into a database made with (from the repository root):
--   ./ecommerce generate --customers 100000 --products 10000 --orders 1000 --interactions 0 --seed 1 \
--       --jdbc-url 'jdbc:postgresql://127.0.0.1:5432/costs?user=postgres'
--   psql -h 127.0.0.1 -U postgres -d costs -f ecommerce-bench/scripts/order-total-check-cost.sql
-- Leaves the database as it was but for 1 000 more units of stock of the first 9 000 products.
\timing on
-- 3 000 orders of customer 1, each of three other products (3i+1, 3i+2, 3i+3), one statement each
\set place_3000_orders 'DO $$ DECLARE o BIGINT; BEGIN FOR i IN 0..2999 LOOP INSERT INTO orders (customer_id, payment_method_id) VALUES (1, 1) RETURNING id INTO o; INSERT INTO order_line (order_id, product_id, quantity, unit_price, subtotal) SELECT o, p.id, 1, p.price, p.price FROM product p WHERE p.id IN (3 * i + 1, 3 * i + 2, 3 * i + 3); END LOOP; END $$;'
update product set stock = stock + 1000 where id <= 9000;
checkpoint;
\echo NEW the statement-level check of the schema
begin;
:place_3000_orders
rollback;
checkpoint;
\echo ROW a row-level check of the total at insert
begin;
CREATE OR REPLACE FUNCTION orders_total_matches_lines() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    line_sum NUMERIC(12, 2);
BEGIN
    IF TG_OP = 'INSERT' THEN
        line_sum := 0;
    ELSE
        SELECT COALESCE(SUM(subtotal), 0) INTO line_sum FROM order_line WHERE order_id = NEW.id;
    END IF;
    IF NEW.total <> line_sum THEN
        RAISE EXCEPTION 'order % total differs from its lines', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_matches_lines';
    END IF;
    RETURN NEW;
END $f$;
DROP TRIGGER orders_inserted_total_matches_lines ON orders;
DROP TRIGGER orders_total_matches_lines ON orders;
CREATE TRIGGER orders_total_matches_lines BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_total_matches_lines();
CREATE OR REPLACE FUNCTION order_line_update_totals() RETURNS trigger LANGUAGE plpgsql AS $f$
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
END $f$;
:place_3000_orders
rollback;
