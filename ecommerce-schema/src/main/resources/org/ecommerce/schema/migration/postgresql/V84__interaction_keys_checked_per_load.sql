-- PostgreSQL: interactions loaded in bulk with their foreign keys checked once per load, not once
-- per row.
--
-- A foreign key checks each inserted row with a query of its own that finds and locks the row it
-- refers to (FOR KEY SHARE): three per interaction, two more per new score row, over half of a
-- bulk load's time. interaction_load() inserts the rows of its arrays as one INSERT ... SELECT
-- and checks the same keys per load instead: for each foreign key of interaction, it locks every
-- referred row FOR KEY SHARE, in key order, then looks for a value with no row. These are the
-- checks and the locks the keys take, each with a new snapshot, as under READ COMMITTED, the one
-- isolation level the loader works at (it returns NULL under any other), so a customer, product
-- or type cannot go while the load's transaction lasts, and the deleting side of each key is
-- untouched. The score rows' keys refer to the same customers and products, locked already.
--
-- The per-row checks are PostgreSQL's own triggers, which fire only while session_replication_role
-- is origin: the loader runs with replica, and only while interaction_load_keys_provable() finds
-- that the triggers this skips on the tables it writes are the checks of those keys alone (so a
-- trigger or a key added later turns the loader off, not the rule). Setting the role needs a
-- superuser or, from PostgreSQL 15, GRANT SET ON PARAMETER session_replication_role: the loader
-- runs as its owner (SECURITY DEFINER) so that the application role never holds that right, and
-- only roles granted EXECUTE on it may call it (MigrationOptions.grantTo grants it). EXECUTE lets a
-- role insert interactions as the owner would: grant it only to roles that may insert into
-- interaction (grantTo grants both; the loader refuses tables under row security).
-- interaction_load_usable() says whether the calling role can use it now; the library otherwise
-- copies the rows into interaction, every key checked per row.

-- The score trigger fires in replica mode only for the loader: a restore or a logical replica
-- that writes interactions in replica mode writes no score for them.
DROP TRIGGER interaction_adds_to_score ON interaction;
CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON interaction
    REFERENCING NEW TABLE AS new_interactions
    FOR EACH STATEMENT
    WHEN (current_setting('session_replication_role') <> 'replica'
          OR current_setting('ecommerce.interaction_load', true) = 'on')
    EXECUTE FUNCTION interaction_adds_to_score();
ALTER TABLE ONLY interaction ENABLE ALWAYS TRIGGER interaction_adds_to_score;

-- Whether the replica role skips nothing but the checks of interaction's own single-column keys
-- on the tables the loader writes: interaction, its partitions at every level and
-- recommendation_score, none of them under row security. It reads the catalog as of its statement
-- (the loader asks it under READ COMMITTED only) and locks nothing: pg_inherits rather than
-- pg_partition_tree, which would lock every partition until the transaction ends.
CREATE FUNCTION interaction_load_keys_provable() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    WITH RECURSIVE tree AS (
        SELECT CAST(CAST('interaction' AS regclass) AS oid) AS rel, FALSE AS partition
        UNION ALL
        SELECT h.inhrelid, TRUE FROM pg_inherits h JOIN tree t ON h.inhparent = t.rel),
    written AS (
        SELECT rel, partition FROM tree
        UNION ALL
        SELECT CAST(CAST('recommendation_score' AS regclass) AS oid), FALSE),
    -- a key's own constraint, not the rows PostgreSQL adds for the partitions of a partitioned
    -- table it refers to (such a key, not matched here, makes the loader unusable)
    checked AS (
        SELECT a.attname, c.confrelid, c.confkey
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.conrelid = CAST('interaction' AS regclass) AND c.contype = 'f' AND c.conparentid = 0
           AND cardinality(c.conkey) = 1 AND a.attname IN ('customer_id', 'product_id', 'type_id')),
    keys AS (
        SELECT c.oid, cardinality(c.conkey) AS columns, a.attname, c.confrelid, c.confkey
          FROM pg_constraint c
          JOIN written w ON w.rel = c.conrelid
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f')
    -- every key of a written table is one the loader checks (a score's key to customer is interaction's)
    SELECT NOT EXISTS (SELECT 1 FROM keys k
                        WHERE k.columns <> 1
                           OR NOT EXISTS (SELECT 1 FROM checked x
                                           WHERE x.attname = k.attname AND x.confrelid = k.confrelid
                                             AND x.confkey = k.confkey))
       -- no trigger fires on the loader's writes but those keys' checks (skipped in replica mode)
       -- and the score trigger on interaction itself: none that the replica role would skip, none
       -- that would fire in it (enabled ALWAYS or REPLICA) and write elsewhere without its checks.
       -- Bits of tgtype: 4 INSERT, 16 UPDATE (the scores' upsert), 1 per row; a partition's
       -- statement triggers never fire for rows routed through interaction.
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                         JOIN written w ON w.rel = t.tgrelid
                        WHERE t.tgenabled <> 'D'
                          AND (t.tgtype & 4 <> 0
                               OR (t.tgtype & 16 <> 0 AND t.tgrelid = CAST(CAST('recommendation_score' AS regclass) AS oid)))
                          AND NOT (w.partition AND t.tgtype & 1 = 0)
                          AND NOT (t.tgenabled = 'O' AND t.tgisinternal
                                   AND t.tgconstraint IN (SELECT k.oid FROM keys k))
                          AND NOT (t.tgrelid = CAST(CAST('interaction' AS regclass) AS oid)
                                   AND t.tgname = 'interaction_adds_to_score'
                                   AND t.tgenabled = 'A'
                                   AND t.tgfoid = CAST('interaction_adds_to_score()' AS regprocedure)))
       AND NOT EXISTS (SELECT 1 FROM pg_rewrite r
                         JOIN written w ON w.rel = r.ev_class
                        WHERE r.ev_enabled <> 'D')
       -- the loader runs as its owner, whom row security does not hold
       AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN written w ON w.rel = c.oid WHERE c.relrowsecurity)
$$;

-- Inserts one interaction per array position (times as microseconds from 2000-01-01 UTC, as
-- PostgreSQL keeps them), in array order, and returns how many; returns NULL, having done nothing,
-- when it cannot prove its checks (the caller then writes the rows another way).
CREATE FUNCTION interaction_load(customer_ids BIGINT[], product_ids BIGINT[], type_ids SMALLINT[],
                                 occurred_at_micros BIGINT[]) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    key       RECORD;
    refs      BIGINT[];
    missing   TEXT;
    locked    BIGINT;
    loaded    BIGINT;
    role      TEXT := current_setting('session_replication_role');
    switch    TEXT := current_setting('ecommerce.interaction_load', true);
BEGIN
    -- under READ COMMITTED each statement below reads the catalog anew, and the lock (the one the
    -- INSERT takes) keeps a trigger or key from being added to interaction or the scores meanwhile;
    -- one added to a partition is found by the second look after the INSERT
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN NULL;
    END IF;
    LOCK TABLE ONLY interaction, recommendation_score IN ROW EXCLUSIVE MODE;
    IF NOT interaction_load_keys_provable() THEN
        RETURN NULL;
    END IF;
    IF cardinality(product_ids) IS DISTINCT FROM cardinality(customer_ids)
       OR cardinality(type_ids) IS DISTINCT FROM cardinality(customer_ids)
       OR cardinality(occurred_at_micros) IS DISTINCT FROM cardinality(customer_ids) THEN
        RAISE EXCEPTION 'interaction_load: the arrays differ in length' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR key IN SELECT c.conname, a.attname, pa.attname AS referred, cr.relname AS parent,
                      'ONLY ' || CAST(CAST(c.confrelid AS regclass) AS TEXT) AS source
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                 JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
                 JOIN pg_class cr ON cr.oid = c.confrelid
                WHERE c.conrelid = CAST('interaction' AS regclass) AND c.contype = 'f' AND c.conparentid = 0
                ORDER BY c.conname LOOP
        SELECT array_agg(DISTINCT r) INTO refs
          FROM unnest(CASE key.attname WHEN 'customer_id' THEN customer_ids
                                       WHEN 'product_id' THEN product_ids
                                       ELSE CAST(type_ids AS BIGINT[]) END) r
         WHERE r IS NOT NULL; -- a NULL is left to the column's NOT NULL, as a key leaves it
        -- one index scan over the sorted values locks each referred row once, in key order
        EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %s p WHERE p.%I = ANY ($1)'
                       || ' ORDER BY p.%I FOR KEY SHARE OF p) locked',
                       key.source, key.referred, key.referred) INTO locked USING refs;
        IF locked < coalesce(cardinality(refs), 0) THEN
            EXECUTE format('SELECT CAST(r AS TEXT) FROM unnest($1) r'
                           || ' WHERE NOT EXISTS (SELECT 1 FROM %s p WHERE p.%I = r) ORDER BY r LIMIT 1',
                           key.source, key.referred) INTO missing USING refs;
            IF missing IS NULL THEN
                -- a row that would not lock is back (deleted and written again meanwhile)
                RAISE EXCEPTION 'interaction_load: a row that % refers to changed while it was being locked', key.conname
                    USING ERRCODE = 'serialization_failure';
            END IF;
            -- worded as the key's own refusal, under its name
            RAISE EXCEPTION 'insert or update on table "interaction" violates foreign key constraint "%"', key.conname
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = key.conname, TABLE = 'interaction',
                      SCHEMA = current_schema(),
                      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', key.attname, missing, key.parent);
        END IF;
    END LOOP;
    -- set for this insert only (the setting's change ends with the transaction, or with a
    -- savepoint rolled back over it); needs a superuser or the right to set it (this function's
    -- owner). Changing the role empties the session's cache of plans, twice per call.
    PERFORM set_config('session_replication_role', 'replica', true);
    PERFORM set_config('ecommerce.interaction_load', 'on', true);
    INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)
    SELECT e.customer_id, e.product_id, e.type_id,
           -- exact: whole seconds, then the microseconds (one product of the two would round past 2^53)
           TIMESTAMPTZ '2000-01-01 00:00:00+00' + (e.micros / 1000000) * INTERVAL '1 second'
               + (e.micros % 1000000) * INTERVAL '1 microsecond'
      FROM unnest(customer_ids, product_ids, type_ids, occurred_at_micros) AS e(customer_id, product_id, type_id, micros);
    GET DIAGNOSTICS loaded = ROW_COUNT;
    PERFORM set_config('session_replication_role', role, true);
    PERFORM set_config('ecommerce.interaction_load', coalesce(switch, ''), true);
    -- a trigger or key that a partition gained, or came with, while this ran is seen here if the
    -- insert saw it (the insert locks each partition it writes, and waits for such a change)
    IF NOT interaction_load_keys_provable() THEN
        RAISE EXCEPTION 'interaction_load: a partition of interaction gained a trigger or key during the load'
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN loaded;
END $$;

-- A SECURITY DEFINER function finds every name in its own schema, never first in the caller's.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION interaction_load(BIGINT[], BIGINT[], SMALLINT[], BIGINT[]) SET search_path = %I, pg_temp',
                   current_schema());
    EXECUTE format('ALTER FUNCTION interaction_load_keys_provable() SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE ALL ON FUNCTION interaction_load(BIGINT[], BIGINT[], SMALLINT[], BIGINT[]) FROM PUBLIC;

-- Whether the calling role can load through interaction_load() now: it may execute it and insert
-- into interaction, its transaction is READ COMMITTED, the loader's owner may set
-- session_replication_role, and the keys are provable.
CREATE FUNCTION interaction_load_usable() RETURNS BOOLEAN LANGUAGE plpgsql STABLE AS $$
DECLARE
    loader OID := to_regprocedure('interaction_load(bigint[],bigint[],smallint[],bigint[])');
    owner  OID;
    may_set BOOLEAN;
BEGIN
    IF loader IS NULL OR NOT has_function_privilege(loader, 'EXECUTE')
       OR NOT has_table_privilege(CAST('interaction' AS regclass), 'INSERT')
       OR current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN FALSE;
    END IF;
    SELECT p.proowner, r.rolsuper INTO owner, may_set FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE p.oid = loader;
    IF NOT may_set AND current_setting('server_version_num')::INT >= 150000 THEN
        EXECUTE 'SELECT has_parameter_privilege($1, ''session_replication_role'', ''SET'')' INTO may_set USING owner;
    END IF;
    RETURN may_set AND interaction_load_keys_provable();
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION interaction_load_usable() SET search_path = %I, pg_temp', current_schema());
END $$;
