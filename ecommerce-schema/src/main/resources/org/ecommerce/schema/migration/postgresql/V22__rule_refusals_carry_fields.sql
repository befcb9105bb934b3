-- PostgreSQL: every refusal of a rule function names its rule and carries its fields, so that the
-- library reads them by identity instead of from the message text.
--   CONSTRAINT = the rule's name in org.ecommerce.schema.rules.Rule (out_of_stock now names itself,
--                not the CHECK product_stock_not_negative that stands behind it);
--   DETAIL     = the rule's fields as space-separated name=value pairs in the catalogue's order
--                (org.ecommerce.schema.rules.RefusalDetail); format('%s') writes NULL as empty.
-- Each function keeps its latest body (V11, V13, V16) and its message; only the refusals change.

CREATE OR REPLACE FUNCTION order_line_take_stock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    available INTEGER;
BEGIN
    UPDATE product SET stock = stock - NEW.quantity
     WHERE id = NEW.product_id AND stock >= NEW.quantity;
    IF NOT FOUND THEN
        -- the stock left, for the refusal; an unknown product is left to order_line_product_fk
        SELECT stock INTO available FROM product WHERE id = NEW.product_id;
        IF FOUND THEN
            RAISE EXCEPTION 'out_of_stock: product % has fewer than % units in stock', NEW.product_id, NEW.quantity
                USING ERRCODE = 'check_violation', CONSTRAINT = 'out_of_stock',
                      DETAIL = format('product_id=%s requested=%s available=%s', NEW.product_id, NEW.quantity, available);
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION order_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_line_immutable: order lines cannot be changed or deleted (order %)', OLD.order_id
        USING ERRCODE = 'restrict_violation', CONSTRAINT = 'order_line_immutable',
              DETAIL = format('order_id=%s product_id=%s', OLD.order_id, OLD.product_id);
END $$;

CREATE OR REPLACE FUNCTION orders_total_matches_lines() RETURNS trigger LANGUAGE plpgsql AS $$
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
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_matches_lines',
                  DETAIL = format('order_id=%s total=%s line_sum=%s', NEW.id, NEW.total, line_sum);
    END IF;
    RETURN NEW;
END $$;

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
            USING ERRCODE = 'check_violation', CONSTRAINT = 'review_requires_purchase',
                  DETAIL = format('customer_id=%s product_id=%s', NEW.customer_id, NEW.product_id);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION delivery_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- an unknown status is left to delivery_status_known
    IF NEW.status <> OLD.status
       AND NEW.status IN ('pending', 'postponed', 'delivered', 'cancelled') AND NOT (
           (OLD.status = 'pending'   AND NEW.status IN ('postponed', 'delivered', 'cancelled'))
        OR (OLD.status = 'postponed' AND NEW.status IN ('pending', 'delivered', 'cancelled'))) THEN
        RAISE EXCEPTION 'delivery_status_transition: delivery % cannot go from % to %',
                OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'delivery_status_transition',
                  DETAIL = format('delivery_id=%s from=%s to=%s', OLD.id, OLD.status, NEW.status);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION order_return_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- an unknown status is left to order_return_status_known
    IF NEW.status <> OLD.status AND OLD.status <> 'pending'
       AND NEW.status IN ('pending', 'denied', 'completed', 'cancelled') THEN
        RAISE EXCEPTION 'order_return_status_transition: return % cannot go from % to %',
                OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'order_return_status_transition',
                  DETAIL = format('return_id=%s from=%s to=%s', OLD.id, OLD.status, NEW.status);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION return_line_within_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    return_status VARCHAR(16);
    bought        INTEGER;
    returned      INTEGER;
    line          return_line%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN line := OLD; ELSE line := NEW; END IF;

    SELECT status INTO return_status FROM order_return WHERE id = line.return_id;
    IF return_status IS NOT NULL AND return_status <> 'pending' THEN
        RAISE EXCEPTION 'return_line_return_pending: return % is % and can no longer change',
                line.return_id, return_status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'return_line_return_pending',
                  DETAIL = format('return_id=%s status=%s', line.return_id, return_status);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;

    SELECT quantity INTO bought FROM order_line
     WHERE order_id = NEW.order_id AND product_id = NEW.product_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NEW; -- left to return_line_order_line_fk
    END IF;

    SELECT COALESCE(SUM(rl.quantity), 0) INTO returned
      FROM return_line rl
      JOIN order_return r ON r.id = rl.return_id
     WHERE rl.order_id = NEW.order_id
       AND rl.product_id = NEW.product_id
       AND r.status IN ('pending', 'completed')
       AND NOT (rl.return_id = NEW.return_id AND TG_OP = 'UPDATE');

    IF returned + NEW.quantity > bought THEN
        RAISE EXCEPTION 'return_exceeds_purchase: order % bought % of product %, % already returned, % more requested',
                NEW.order_id, bought, NEW.product_id, returned, NEW.quantity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'return_exceeds_purchase',
                  DETAIL = format('order_id=%s product_id=%s bought=%s returned=%s requested=%s',
                                  NEW.order_id, NEW.product_id, bought, returned, NEW.quantity);
    END IF;
    RETURN NEW;
END $$;

-- CREATE OR REPLACE FUNCTION without a SET clause resets each function's settings: pin the
-- replaced functions to their schema again, exactly as V19 does (and, in public, leave them unpinned).
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema()
                    AND p.proname IN ('order_line_take_stock', 'order_line_immutable',
                                      'orders_total_matches_lines', 'review_requires_purchase',
                                      'delivery_status_transition', 'order_return_status_transition',
                                      'return_line_within_purchase') LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
