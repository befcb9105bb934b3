-- PostgreSQL: a row written straight into a partition of interaction (interaction_2026_12, or
-- interaction_default) adds to its score as a row written into interaction does. A statement-level
-- trigger fires only for the table its statement names, so interaction's own score trigger (V35)
-- never sees such a row: each partition gets the same trigger over its own transition table. A
-- row routed through interaction fires only interaction's trigger, so no row counts twice.
-- interaction_month_partition (V71) gives each partition it makes the trigger, after the rows it
-- moved from the default partition are in (they were counted when they arrived). A partition made
-- by hand needs the trigger too: make partitions with interaction_month_partition.
CREATE OR REPLACE FUNCTION interaction_month_partition(month_start TIMESTAMP WITH TIME ZONE) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    month_utc    TIMESTAMP := date_trunc('month', month_start AT TIME ZONE 'UTC');
    lower_bound  TIMESTAMP WITH TIME ZONE := month_utc AT TIME ZONE 'UTC';
    upper_bound  TIMESTAMP WITH TIME ZONE := (month_utc + INTERVAL '1 month') AT TIME ZONE 'UTC';
    part         TEXT := 'interaction_' || to_char(month_utc, 'YYYY_MM');
    bounds       TEXT := format('FOR VALUES FROM (%L) TO (%L)',
                                to_char(month_utc, 'YYYY-MM-DD') || ' 00:00:00+00',
                                to_char(month_utc + INTERVAL '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    moved        BIGINT := 0;
BEGIN
    IF to_regclass(quote_ident(part)) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM interaction_default d
                    WHERE d.occurred_at >= lower_bound AND d.occurred_at < upper_bound) THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF interaction %s', part, bounds);
    ELSE
        -- PostgreSQL refuses a partition whose rows the default partition still holds: the rows
        -- move into a table of their own first, which then becomes the partition
        EXECUTE format('CREATE TABLE %I (LIKE interaction INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('WITH moved AS (DELETE FROM interaction_default d'
                       || ' WHERE d.occurred_at >= $1 AND d.occurred_at < $2 RETURNING d.*)'
                       || ' INSERT INTO %I SELECT * FROM moved', part) USING lower_bound, upper_bound;
        GET DIAGNOSTICS moved = ROW_COUNT;
        EXECUTE format('ALTER TABLE interaction ATTACH PARTITION %I %s', part, bounds);
    END IF;
    EXECUTE format('CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON %I'
                   || ' REFERENCING NEW TABLE AS new_interactions'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION interaction_adds_to_score()', part);
    RETURN moved;
END $$;

-- CREATE OR REPLACE FUNCTION resets the function's settings: pin it to its schema again (V71)
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION interaction_month_partition(TIMESTAMP WITH TIME ZONE) SET search_path = %I, pg_temp',
                   current_schema());
END $$;

-- The partitions that exist already, the default one among them.
DO $$
DECLARE
    part TEXT;
BEGIN
    FOR part IN SELECT c.relname
                  FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
                 WHERE h.inhparent = 'interaction'::regclass
                 ORDER BY c.relname LOOP
        EXECUTE format('CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON %I'
                       || ' REFERENCING NEW TABLE AS new_interactions'
                       || ' FOR EACH STATEMENT EXECUTE FUNCTION interaction_adds_to_score()', part);
    END LOOP;
END $$;
