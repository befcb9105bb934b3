-- PostgreSQL: the writers of one order's returns take turns, at every isolation level.
-- return_exceeds_purchase sums the order's return lines and return_line_return_pending reads the
-- return's status; order_return_restock reads the lines it puts back. Each reads rows that a
-- concurrent writer may be adding or closing. Before any of them reads, the writer updates the
-- order's row: a second writer of the same order waits for the first. At READ COMMITTED its rule
-- then reads what the first committed; at REPEATABLE READ and SERIALIZABLE its update fails with
-- a serialization failure (SQLSTATE 40001), which the library retries. A lock alone (FOR UPDATE)
-- would not do: at REPEATABLE READ it waits but then reads the old snapshot.
-- The triggers are named to fire before return_line_within_purchase (PostgreSQL fires BEFORE
-- triggers by name); the update sets no column that an orders trigger or key watches.
CREATE FUNCTION order_returns_take_turns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    the_order BIGINT;
BEGIN
    IF TG_TABLE_NAME = 'order_return' THEN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
            RETURN NEW;
        END IF;
        the_order := OLD.order_id;
    ELSIF TG_OP = 'DELETE' THEN
        the_order := OLD.order_id;
    ELSE
        the_order := NEW.order_id;
    END IF;
    UPDATE orders SET deduction = deduction WHERE id = the_order;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER return_line_takes_turn BEFORE INSERT OR UPDATE OR DELETE ON return_line
    FOR EACH ROW EXECUTE FUNCTION order_returns_take_turns();
CREATE TRIGGER order_return_takes_turn BEFORE UPDATE ON order_return
    FOR EACH ROW EXECUTE FUNCTION order_returns_take_turns();

-- Pinned to its schema as V19 pins the rule functions (in public, left unpinned).
DO $$
BEGIN
    IF current_schema() <> 'public' THEN
        EXECUTE format('ALTER FUNCTION order_returns_take_turns() SET search_path = %I', current_schema());
    END IF;
END $$;
