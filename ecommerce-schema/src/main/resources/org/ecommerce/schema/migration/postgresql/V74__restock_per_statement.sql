-- PostgreSQL: completed returns put their units back once per statement, product by product.
--
-- Per row, each completed return updated each of its products: a statement completing thousands of
-- returns (an import's wave of returns) updated the same few products thousands of times. Every
-- stock update is a new version of the product with new index entries (stock is indexed), and
-- none can be cleaned up before the transaction ends, so each later update of a product walked
-- through all its earlier versions. Here the statement's returns that went from pending to
-- completed are summed per product, and each product is updated once, by its key, in id order (as
-- V62 takes stock, so a restock and a sale still lock shared products in the same order). The
-- units put back are the same; a single return completed on its own is the old case exactly.
CREATE OR REPLACE FUNCTION order_return_restock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    back RECORD;
BEGIN
    FOR back IN SELECT rl.product_id, SUM(rl.quantity) AS units
                  FROM new_returns n
                  JOIN old_returns o ON o.id = n.id
                  JOIN return_line rl ON rl.return_id = n.id
                 WHERE o.status = 'pending' AND n.status = 'completed'
                 GROUP BY rl.product_id
                 ORDER BY rl.product_id LOOP
        UPDATE product SET stock = stock + back.units WHERE id = back.product_id;
    END LOOP;
    RETURN NULL;
END $$;

DROP TRIGGER order_return_restock ON order_return;
CREATE TRIGGER order_return_restock AFTER UPDATE ON order_return
    REFERENCING OLD TABLE AS old_returns NEW TABLE AS new_returns
    FOR EACH STATEMENT EXECUTE FUNCTION order_return_restock();

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
