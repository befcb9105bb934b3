-- PostgreSQL: a payment method always has its credit card or gift card row.
-- The supertype now references its subtype: a payment_method row of kind credit_card needs the
-- credit_card row with its id, which must therefore be written first. The subtypes no longer
-- reference the supertype (two foreign keys in a circle cannot be satisfied without deferring one,
-- and H2 cannot defer), so both engines hold the same keys. The id comes from the sequence
-- payment_method_id_seq (V60): take it for the subtype row, then give the same id to the supertype row.

ALTER TABLE credit_card DROP CONSTRAINT credit_card_supertype_fk;
ALTER TABLE gift_card DROP CONSTRAINT gift_card_supertype_fk;
ALTER TABLE payment_method DROP CONSTRAINT payment_method_id_kind_unique;

-- The sequence goes with the column (pg_get_serial_sequence finds it) and starts past the ids in use.
ALTER SEQUENCE payment_method_id_seq OWNED BY payment_method.id;
DO $$ BEGIN PERFORM setval('payment_method_id_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM payment_method), false); END $$;

-- The id of the subtype row each kind needs; NULL (no reference) for the other kind.
ALTER TABLE payment_method
    ADD COLUMN credit_card_key BIGINT GENERATED ALWAYS AS (CASE WHEN kind = 'credit_card' THEN id END) STORED,
    ADD COLUMN gift_card_key   BIGINT GENERATED ALWAYS AS (CASE WHEN kind = 'gift_card' THEN id END) STORED,
    ADD CONSTRAINT payment_method_credit_card_fk FOREIGN KEY (credit_card_key) REFERENCES credit_card (payment_method_id),
    ADD CONSTRAINT payment_method_gift_card_fk FOREIGN KEY (gift_card_key) REFERENCES gift_card (payment_method_id);

-- A payment method stays what it is: a card row of the other kind with the same id (left by a
-- plain-SQL writer) must not turn a method that paid orders into the other kind.
CREATE FUNCTION payment_method_kind_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IS DISTINCT FROM OLD.kind THEN
        RAISE EXCEPTION 'payment_method_kind_fixed: payment method % is a % and stays one', OLD.id, OLD.kind
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_method_kind_fixed',
                  DETAIL = format('payment_method_id=%s kind=%s', OLD.id, OLD.kind);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER payment_method_kind_fixed BEFORE UPDATE ON payment_method
    FOR EACH ROW EXECUTE FUNCTION payment_method_kind_fixed();

-- The card row a method refers to is locked as the method is written, so that a concurrent
-- deletion of the row waits and then finds the method. PostgreSQL's foreign key already locks it
-- (FOR KEY SHARE); H2's does not, and both engines run the same triggers on the same events.
CREATE FUNCTION payment_method_card_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'credit_card' THEN
        PERFORM 1 FROM credit_card WHERE payment_method_id = NEW.id FOR UPDATE;
    ELSIF NEW.kind = 'gift_card' THEN
        PERFORM 1 FROM gift_card WHERE payment_method_id = NEW.id FOR UPDATE;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER payment_method_card_locked BEFORE INSERT ON payment_method
    FOR EACH ROW EXECUTE FUNCTION payment_method_card_locked();

-- Pinned to their schema as V19 pins the rule functions (in public, left unpinned).
DO $$
BEGIN
    IF current_schema() <> 'public' THEN
        EXECUTE format('ALTER FUNCTION payment_method_kind_fixed() SET search_path = %I', current_schema());
        EXECUTE format('ALTER FUNCTION payment_method_card_locked() SET search_path = %I', current_schema());
    END IF;
END $$;
