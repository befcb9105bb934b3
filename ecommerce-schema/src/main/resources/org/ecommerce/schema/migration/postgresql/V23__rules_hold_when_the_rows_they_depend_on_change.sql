-- PostgreSQL: rules checked on the row that moves also hold when the row they depend on changes.

-- Stock is taken only for a line actually inserted: BEFORE INSERT also fires for a row that
-- INSERT ... ON CONFLICT DO NOTHING then skips. AFTER INSERT fires only for inserted rows; the
-- guarded UPDATE in order_line_take_stock() still queues buyers of one product and refuses the
-- one who finds too few units, aborting the whole statement, so stock is still never oversold.
DROP TRIGGER order_line_take_stock ON order_line;
CREATE TRIGGER order_line_take_stock AFTER INSERT ON order_line
    FOR EACH ROW EXECUTE FUNCTION order_line_take_stock();

-- Who bought an order stays who bought it once it has lines: reviews (review_requires_purchase)
-- and returns rest on it.
CREATE FUNCTION orders_customer_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.customer_id IS DISTINCT FROM OLD.customer_id
       AND EXISTS (SELECT 1 FROM order_line WHERE order_id = OLD.id) THEN
        RAISE EXCEPTION 'orders_customer_fixed: order % has lines and cannot change its customer', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_customer_fixed',
                  DETAIL = format('order_id=%s customer_id=%s', OLD.id, OLD.customer_id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER orders_customer_fixed BEFORE UPDATE OF customer_id ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_customer_fixed();

-- A delivery belongs to its order for good: one per order (delivery_one_per_order) and its status
-- transitions mean nothing if it can be deleted or moved and replaced. Cancelling is a status.
CREATE FUNCTION delivery_stays_with_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.order_id IS DISTINCT FROM OLD.order_id THEN
        RAISE EXCEPTION 'delivery_stays_with_order: delivery % of order % cannot be deleted or moved', OLD.id, OLD.order_id
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'delivery_stays_with_order',
                  DETAIL = format('delivery_id=%s order_id=%s', OLD.id, OLD.order_id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER delivery_stays_with_order BEFORE UPDATE OF order_id OR DELETE ON delivery
    FOR EACH ROW EXECUTE FUNCTION delivery_stays_with_order();

-- A closed return stays: a completed one has put its units back in stock, and without it
-- return_exceeds_purchase would let the same units be returned (and restocked) again.
CREATE FUNCTION order_return_closed_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'order_return_closed_kept: return % is % and cannot be deleted', OLD.id, OLD.status
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'order_return_closed_kept',
                  DETAIL = format('return_id=%s status=%s', OLD.id, OLD.status);
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER order_return_closed_kept BEFORE DELETE ON order_return
    FOR EACH ROW EXECUTE FUNCTION order_return_closed_kept();

-- A return line never moves to another return, order or product: return_line_return_pending
-- checks only the return it moves into, so a line could leave a closed return. While its return
-- is pending a line is deleted and inserted instead.
CREATE FUNCTION return_line_identity_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.return_id, NEW.order_id, NEW.product_id) IS DISTINCT FROM (OLD.return_id, OLD.order_id, OLD.product_id) THEN
        RAISE EXCEPTION 'return_line_identity_fixed: a line of return % cannot move to another return, order or product',
                OLD.return_id
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'return_line_identity_fixed',
                  DETAIL = format('return_id=%s order_id=%s product_id=%s', OLD.return_id, OLD.order_id, OLD.product_id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER return_line_identity_fixed BEFORE UPDATE OF return_id, order_id, product_id ON return_line
    FOR EACH ROW EXECUTE FUNCTION return_line_identity_fixed();

-- A payment method keeps its credit card or gift card row: without it the method is neither.
-- The subtype goes only with its supertype (which a foreign key then requires), and never moves
-- to another method. A payment_method row inserted without its subtype is not refused: that
-- needs a check at commit, which H2 cannot defer and the library's bulk writers do not expect.
CREATE FUNCTION payment_subtype_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.payment_method_id IS NOT DISTINCT FROM OLD.payment_method_id THEN
            RETURN NEW;
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM payment_method WHERE id = OLD.payment_method_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '%: payment method % cannot lose its % row', TG_ARGV[0], OLD.payment_method_id, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation', CONSTRAINT = TG_ARGV[0],
              DETAIL = format('payment_method_id=%s', OLD.payment_method_id);
END $$;

CREATE TRIGGER credit_card_kept BEFORE UPDATE OF payment_method_id OR DELETE ON credit_card
    FOR EACH ROW EXECUTE FUNCTION payment_subtype_kept('credit_card_kept');
CREATE TRIGGER gift_card_kept BEFORE UPDATE OF payment_method_id OR DELETE ON gift_card
    FOR EACH ROW EXECUTE FUNCTION payment_subtype_kept('gift_card_kept');

-- Pinned to their schema as V19 pins the other rule functions (in public, left unpinned).
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema()
                    AND p.proname IN ('orders_customer_fixed', 'delivery_stays_with_order',
                                      'order_return_closed_kept', 'return_line_identity_fixed',
                                      'payment_subtype_kept') LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
