-- An interaction is never changed: its customer, product, type and time are what the score trigger
-- added to recommendation_score when it was recorded, and what a rebuild reads. Changing one would
-- leave the score counting the old values until the next rebuild, and the rebuild would then give
-- another score than recording gave. A wrong interaction is deleted and recorded again instead.
-- A row trigger on the partitioned table: PostgreSQL gives it to every partition, those made later
-- and those attached included, so an UPDATE naming a partition is refused too.
CREATE FUNCTION interaction_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.customer_id, NEW.product_id, NEW.type_id, NEW.occurred_at)
       IS DISTINCT FROM (OLD.customer_id, OLD.product_id, OLD.type_id, OLD.occurred_at) THEN
        RAISE EXCEPTION 'interaction_fixed: interaction % cannot change its customer, product, type or time', OLD.id
            USING ERRCODE = 'restrict_violation', CONSTRAINT = 'interaction_fixed',
                  DETAIL = format('interaction_id=%s', OLD.id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER interaction_fixed BEFORE UPDATE ON interaction
    FOR EACH ROW EXECUTE FUNCTION interaction_fixed();

-- Pinned to its schema as V19 pins the other rule functions (in public, left unpinned).
DO $$
BEGIN
    IF current_schema() <> 'public' THEN
        EXECUTE format('ALTER FUNCTION interaction_fixed() SET search_path = %I', current_schema());
    END IF;
END $$;
