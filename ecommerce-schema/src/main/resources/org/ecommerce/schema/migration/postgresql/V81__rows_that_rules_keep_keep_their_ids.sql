-- PostgreSQL: a row that a rule keeps as it is keeps its id too, and a return line needs an order
-- line that its trigger can see.
--
-- PostgreSQL checks a NO ACTION foreign key at the end of the statement, so one UPDATE that swaps
-- two ids would pass every key, and the rows that refer to one id would belong to the other row: an
-- order's lines and returns to another buyer (orders_customer_fixed), a completed return's lines
-- to a pending one, which would complete and restock them again (order_return_closed_kept), an
-- order paid by a credit card to a gift card (payment_method_kind_fixed). Each of these rules
-- refuses a change of the row's id where it refuses a change of the column it keeps. (H2 checks
-- each row's keys at once, and its triggers, which run first, refuse the same changes by the same
-- rules.)
--
-- An order line inserted by a data-modifying WITH of the same statement is not visible to the
-- return line's trigger, and the foreign key to it is checked only at the end of the statement:
-- no quantity could be checked against it. A return line whose order line its trigger cannot see
-- is refused by that key's name (return_line_order_line_fk).
--
-- A database holding a row that breaks none of this migrates as it is: nothing here checks
-- existing rows.

CREATE OR REPLACE FUNCTION orders_customer_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.customer_id IS DISTINCT FROM OLD.customer_id OR NEW.id IS DISTINCT FROM OLD.id)
       AND EXISTS (SELECT 1 FROM order_line WHERE order_id = OLD.id) THEN
        RAISE EXCEPTION 'orders_customer_fixed: order % has lines and cannot change its customer or id', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_customer_fixed',
                  DETAIL = format('order_id=%s customer_id=%s', OLD.id, OLD.customer_id);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION order_return_closed_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id IS NOT DISTINCT FROM OLD.id THEN
        RETURN NEW;
    END IF;
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'order_return_closed_kept: return % is % and cannot be deleted or renumbered', OLD.id, OLD.status
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'order_return_closed_kept',
                  DETAIL = format('return_id=%s status=%s', OLD.id, OLD.status);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER order_return_closed_kept ON order_return;
CREATE TRIGGER order_return_closed_kept BEFORE UPDATE OR DELETE ON order_return
    FOR EACH ROW EXECUTE FUNCTION order_return_closed_kept();

CREATE OR REPLACE FUNCTION payment_method_kind_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE EXCEPTION 'payment_method_kind_fixed: payment method % is a % and stays one, under its id', OLD.id, OLD.kind
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_method_kind_fixed',
                  DETAIL = format('payment_method_id=%s kind=%s', OLD.id, OLD.kind);
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION return_line_within_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    return_status VARCHAR(16);
    bought        BIGINT;
    returned      BIGINT;
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
        -- not there, or inserted by the same statement, where no quantity can be checked
        RAISE EXCEPTION 'return_line_order_line_fk: order % has no line of product %', NEW.order_id, NEW.product_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'return_line_order_line_fk';
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

-- CREATE OR REPLACE FUNCTION resets the functions' settings: pin them again as V77 does
DO $$
DECLARE
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['orders_customer_fixed()', 'order_return_closed_kept()', 'payment_method_kind_fixed()',
                             'return_line_within_purchase()'] LOOP
        EXECUTE format('ALTER FUNCTION %I.%s SET search_path = %I, pg_temp', current_schema(), f, current_schema());
    END LOOP;
END $$;
