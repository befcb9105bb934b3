-- PostgreSQL: a return beyond the purchase is refused as such however large its quantity. The
-- units already returned and those asked for were added as INTEGERs: one unit returned and
-- 2 147 483 647 more asked for overflowed (SQLSTATE 22003) instead of raising
-- return_exceeds_purchase, as H2's trigger, which adds longs, does. V22's function, with BIGINTs.
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

-- CREATE OR REPLACE FUNCTION resets the function's settings: pin it again as V77 does
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION return_line_within_purchase() SET search_path = %I, pg_temp', current_schema());
END $$;
