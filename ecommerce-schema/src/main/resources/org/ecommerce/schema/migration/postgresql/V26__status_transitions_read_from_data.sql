-- PostgreSQL: the status transition rules read the allowed moves from status_transition, and every
-- rule trigger fires on the same events as its H2 twin: on every UPDATE, never UPDATE OF a column
-- list, which H2 does not have. Each function already compares the old and the new row itself.

-- One function for both machines: the trigger's name is the rule's name, its table the machine;
-- TG_ARGV[0] names the row's id in the refusal's fields, TG_ARGV[1] the row in the message.
-- AFTER UPDATE, as on H2: the row has passed its CHECKs, so its status is one the table knows.
CREATE FUNCTION status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status
       AND NOT EXISTS (SELECT 1 FROM status_transition
                        WHERE machine = TG_TABLE_NAME AND from_status = OLD.status AND to_status = NEW.status) THEN
        RAISE EXCEPTION '%: % % cannot go from % to %', TG_NAME, TG_ARGV[1], OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_NAME,
                  DETAIL = format('%s=%s from=%s to=%s', TG_ARGV[0], OLD.id, OLD.status, NEW.status);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER delivery_status_transition ON delivery;
DROP FUNCTION delivery_status_transition();
CREATE TRIGGER delivery_status_transition AFTER UPDATE ON delivery
    FOR EACH ROW EXECUTE FUNCTION status_transition('delivery_id', 'delivery');

DROP TRIGGER order_return_status_transition ON order_return;
DROP FUNCTION order_return_status_transition();
CREATE TRIGGER order_return_status_transition AFTER UPDATE ON order_return
    FOR EACH ROW EXECUTE FUNCTION status_transition('return_id', 'return');

-- The other triggers that named columns: the same functions, on every UPDATE.
DROP TRIGGER order_return_restock ON order_return;
CREATE TRIGGER order_return_restock AFTER UPDATE ON order_return
    FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status = 'completed')
    EXECUTE FUNCTION order_return_restock();

DROP TRIGGER review_requires_purchase ON review;
CREATE TRIGGER review_requires_purchase BEFORE INSERT OR UPDATE ON review
    FOR EACH ROW EXECUTE FUNCTION review_requires_purchase();

DROP TRIGGER orders_total_matches_lines ON orders;
CREATE TRIGGER orders_total_matches_lines BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_total_matches_lines();

DROP TRIGGER orders_customer_fixed ON orders;
CREATE TRIGGER orders_customer_fixed BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_customer_fixed();

DROP TRIGGER delivery_stays_with_order ON delivery;
CREATE TRIGGER delivery_stays_with_order BEFORE UPDATE OR DELETE ON delivery
    FOR EACH ROW EXECUTE FUNCTION delivery_stays_with_order();

DROP TRIGGER return_line_identity_fixed ON return_line;
CREATE TRIGGER return_line_identity_fixed BEFORE UPDATE ON return_line
    FOR EACH ROW EXECUTE FUNCTION return_line_identity_fixed();

DROP TRIGGER credit_card_kept ON credit_card;
CREATE TRIGGER credit_card_kept BEFORE UPDATE OR DELETE ON credit_card
    FOR EACH ROW EXECUTE FUNCTION payment_subtype_kept('credit_card_kept');
DROP TRIGGER gift_card_kept ON gift_card;
CREATE TRIGGER gift_card_kept BEFORE UPDATE OR DELETE ON gift_card
    FOR EACH ROW EXECUTE FUNCTION payment_subtype_kept('gift_card_kept');

-- Pinned to its schema as V19 pins the other rule functions (in public, left unpinned).
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema() AND p.proname = 'status_transition' LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
