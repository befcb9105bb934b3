-- PostgreSQL: a completed return puts its units back product by product, through the key.
--
-- A restock as one UPDATE of product ... FROM the return's lines (V13) keeps a generic plan for
-- the session, which the planner may make a hash join over a sequential scan of product: every
-- completed return would read the whole catalogue (and, in a long transaction such as an import,
-- every row version the transaction left in it). Here the return's lines are summed per product
-- and each product is updated by its id, in id order, as V62 takes stock (so a restock and a sale
-- lock shared products in the same order). The units put back are the same.
CREATE OR REPLACE FUNCTION order_return_restock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    back RECORD;
BEGIN
    FOR back IN SELECT rl.product_id, SUM(rl.quantity) AS units
                  FROM return_line rl
                 WHERE rl.return_id = NEW.id
                 GROUP BY rl.product_id
                 ORDER BY rl.product_id LOOP
        UPDATE product SET stock = stock + back.units WHERE id = back.product_id;
    END LOOP;
    RETURN NULL;
END $$;

-- CREATE OR REPLACE FUNCTION resets the function's settings: pin it to its schema again as V19 does
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema() AND p.proname = 'order_return_restock' LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
