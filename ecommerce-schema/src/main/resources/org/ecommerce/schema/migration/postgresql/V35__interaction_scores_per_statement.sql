-- PostgreSQL: an INSERT into interaction adds to the scores once per statement, not once per row.
-- The formula is V15's, applied to every row the statement inserted (its transition table), the
-- rows of one (customer, product) summed before the one upsert of that pair; pairs are upserted
-- in key order, so concurrent multi-row inserts lock scores in the same order. A single-row
-- insert (the library's record) gives exactly V15's result; a bulk load of N rows costs one
-- grouped upsert instead of N. A score past recommendation_score_in_range refuses the statement.
CREATE OR REPLACE FUNCTION interaction_adds_to_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recommendation_score AS s (customer_id, product_id, score, purchased, updated_at)
    SELECT n.customer_id, n.product_id,
           SUM(CAST(t.weight AS DOUBLE PRECISION)
               * POWER(CAST(2 AS DOUBLE PRECISION),
                       GREATEST(-1000, LEAST(1000,
                           CAST(EXTRACT(EPOCH FROM n.occurred_at) - m.decay_epoch_seconds AS DOUBLE PRECISION)
                               / m.half_life_seconds)))),
           BOOL_OR(t.name = 'purchase'),
           MAX(n.occurred_at)
      FROM new_interactions n
      JOIN interaction_type t ON t.id = n.type_id
     CROSS JOIN recommendation_setting m
     GROUP BY n.customer_id, n.product_id
     ORDER BY n.customer_id, n.product_id
    ON CONFLICT (customer_id, product_id) DO UPDATE
       SET score = s.score + EXCLUDED.score,
           purchased = s.purchased OR EXCLUDED.purchased,
           updated_at = GREATEST(s.updated_at, EXCLUDED.updated_at);
    -- an unknown type is left to interaction_type_fk
    RETURN NULL;
END $$;

DROP TRIGGER interaction_adds_to_score ON interaction;
CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON interaction
    REFERENCING NEW TABLE AS new_interactions
    FOR EACH STATEMENT EXECUTE FUNCTION interaction_adds_to_score();

-- CREATE OR REPLACE FUNCTION resets the function's settings: pin it to its schema again as V19 does
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF current_schema() <> 'public' THEN
        FOR f IN SELECT p.oid::regprocedure
                   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = current_schema() AND p.proname = 'interaction_adds_to_score' LOOP
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I', f, current_schema());
        END LOOP;
    END IF;
END $$;
