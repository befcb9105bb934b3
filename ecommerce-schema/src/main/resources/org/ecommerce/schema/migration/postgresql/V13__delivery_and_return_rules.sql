-- PostgreSQL: status transitions of deliveries and returns, and what a return may contain.

-- pending   -> postponed | delivered | cancelled
-- postponed -> pending   | delivered | cancelled
-- delivered and cancelled are final. Keeping the same status is not a transition.
CREATE FUNCTION delivery_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- an unknown status is left to delivery_status_known
    IF NEW.status <> OLD.status
       AND NEW.status IN ('pending', 'postponed', 'delivered', 'cancelled') AND NOT (
           (OLD.status = 'pending'   AND NEW.status IN ('postponed', 'delivered', 'cancelled'))
        OR (OLD.status = 'postponed' AND NEW.status IN ('pending', 'delivered', 'cancelled'))) THEN
        RAISE EXCEPTION 'delivery_status_transition: delivery % cannot go from % to %',
                OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'delivery_status_transition';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER delivery_status_transition BEFORE UPDATE OF status ON delivery
    FOR EACH ROW EXECUTE FUNCTION delivery_status_transition();

-- pending -> denied | completed | cancelled; the three outcomes are final.
CREATE FUNCTION order_return_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- an unknown status is left to order_return_status_known
    IF NEW.status <> OLD.status AND OLD.status <> 'pending'
       AND NEW.status IN ('pending', 'denied', 'completed', 'cancelled') THEN
        RAISE EXCEPTION 'order_return_status_transition: return % cannot go from % to %',
                OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'order_return_status_transition';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER order_return_status_transition BEFORE UPDATE OF status ON order_return
    FOR EACH ROW EXECUTE FUNCTION order_return_status_transition();

-- A completed return puts its units back in stock.
CREATE FUNCTION order_return_restock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE product p
       SET stock = p.stock + rl.quantity
      FROM return_line rl
     WHERE rl.return_id = NEW.id
       AND p.id = rl.product_id;
    RETURN NULL;
END $$;

CREATE TRIGGER order_return_restock AFTER UPDATE OF status ON order_return
    FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status = 'completed')
    EXECUTE FUNCTION order_return_restock();

-- Return lines change only while their return is pending, and a product is never returned
-- more often than it was bought: bought - (pending + completed returns) >= 0.
-- The order line is locked first, so two concurrent returns of one line are checked in turn.
CREATE FUNCTION return_line_within_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
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
            USING ERRCODE = 'check_violation', CONSTRAINT = 'return_line_return_pending';
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
            USING ERRCODE = 'check_violation', CONSTRAINT = 'return_exceeds_purchase';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER return_line_within_purchase BEFORE INSERT OR UPDATE OR DELETE ON return_line
    FOR EACH ROW EXECUTE FUNCTION return_line_within_purchase();
