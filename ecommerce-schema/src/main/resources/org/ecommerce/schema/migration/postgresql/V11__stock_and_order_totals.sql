-- PostgreSQL: selling takes stock, and an order's total is the sum of its lines.
-- Every refusal names its rule (CONSTRAINT = ...) so that the library can translate it.

-- Selling takes the units in the same statement that records the sale. The guarded UPDATE
-- queues concurrent buyers of one product on its row; a buyer who arrives after the last
-- unit went finds "stock >= quantity" false and is refused: stock cannot be oversold.
CREATE FUNCTION order_line_take_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE product SET stock = stock - NEW.quantity
     WHERE id = NEW.product_id AND stock >= NEW.quantity;
    IF NOT FOUND AND EXISTS (SELECT 1 FROM product WHERE id = NEW.product_id) THEN
        RAISE EXCEPTION 'out_of_stock: product % has fewer than % units in stock', NEW.product_id, NEW.quantity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'product_stock_not_negative';
    END IF;
    -- an unknown product is left to order_line_product_fk
    RETURN NEW;
END $$;

CREATE TRIGGER order_line_take_stock BEFORE INSERT ON order_line
    FOR EACH ROW EXECUTE FUNCTION order_line_take_stock();

-- What was sold stays sold: returns are recorded as return lines, never by editing a sale.
CREATE FUNCTION order_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_line_immutable: order lines cannot be changed or deleted (order %)', OLD.order_id
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'order_line_immutable';
END $$;

CREATE TRIGGER order_line_immutable BEFORE UPDATE OR DELETE ON order_line
    FOR EACH ROW EXECUTE FUNCTION order_line_immutable();

-- After lines are inserted, each touched order's total becomes the sum of its lines.
-- One UPDATE per statement (not per line) thanks to the transition table.
CREATE FUNCTION order_line_update_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders o
       SET total = s.total,
           grand_total = s.total - COALESCE(o.deduction, 0)
      FROM (SELECT l.order_id, SUM(l.subtotal) AS total
              FROM order_line l
             WHERE l.order_id IN (SELECT order_id FROM new_lines)
             GROUP BY l.order_id) s
     WHERE o.id = s.order_id;
    RETURN NULL;
END $$;

CREATE TRIGGER order_line_update_totals AFTER INSERT ON order_line
    REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION order_line_update_totals();

-- Nobody else may set a total that disagrees with the lines: a new order starts at 0,
-- and a changed total must equal the sum of the lines.
CREATE FUNCTION orders_total_matches_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    line_sum NUMERIC(12, 2);
BEGIN
    IF TG_OP = 'INSERT' THEN
        line_sum := 0;
    ELSE
        SELECT COALESCE(SUM(subtotal), 0) INTO line_sum FROM order_line WHERE order_id = NEW.id;
    END IF;
    IF NEW.total <> line_sum THEN
        RAISE EXCEPTION 'orders_total_matches_lines: order % total % differs from the sum of its lines %',
                NEW.id, NEW.total, line_sum
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_matches_lines';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER orders_total_matches_lines BEFORE INSERT OR UPDATE OF total ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_total_matches_lines();
