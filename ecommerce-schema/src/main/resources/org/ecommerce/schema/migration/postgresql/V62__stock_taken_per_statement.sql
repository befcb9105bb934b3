-- PostgreSQL: a sale takes its units once per INSERT statement and product, not once per line.
--
-- The trigger reads the statement's inserted lines (its transition table: only rows actually
-- inserted, so ON CONFLICT DO NOTHING still takes nothing for a skipped line), sums the units of
-- each product and, product by product in id order, runs the guarded UPDATE of V11: concurrent
-- buyers of one product still queue on its row, the one who finds too few units is refused and
-- the whole statement with it, and every statement locks its products in the same order, so
-- concurrent multi-line inserts cannot deadlock each other. Each statement reaches a product
-- through its key only (V16: no plan depends on the size of the table).
--
-- A one-line insert does what the row trigger did. A bulk insert of N lines over P products
-- updates each product once instead of once per line: per-line updates of one row leave a chain
-- of row versions that every later lookup of that product in the same transaction (the foreign
-- keys of interactions, reviews, scores) walks through. Statement-level AFTER triggers fire after
-- the row-level ones, so an unknown product is still refused by order_line_product_fk first.
CREATE OR REPLACE FUNCTION order_line_take_stock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sold      RECORD;
    available INTEGER;
BEGIN
    FOR sold IN SELECT product_id, SUM(quantity) AS requested
                  FROM new_lines
                 GROUP BY product_id
                 ORDER BY product_id LOOP
        UPDATE product SET stock = stock - sold.requested
         WHERE id = sold.product_id AND stock >= sold.requested;
        IF NOT FOUND THEN
            -- the stock left, for the refusal
            SELECT stock INTO available FROM product WHERE id = sold.product_id;
            IF FOUND THEN
                RAISE EXCEPTION 'out_of_stock: product % has fewer than % units in stock', sold.product_id, sold.requested
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'out_of_stock',
                          DETAIL = format('product_id=%s requested=%s available=%s', sold.product_id, sold.requested, available);
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

DROP TRIGGER order_line_take_stock ON order_line;
CREATE TRIGGER order_line_take_stock AFTER INSERT ON order_line
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION order_line_take_stock();

-- CREATE OR REPLACE FUNCTION resets the function's settings: pin it to its schema again as V19 does
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema() AND p.proname = 'order_line_take_stock' LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
