-- H2: nothing to do. PostgreSQL's V84 adds its bulk loader of interactions; H2 records bulks in
-- multi-row INSERTs with its keys checked row by row. The version exists on both engines so that
-- they share numbers.
SELECT 1;
