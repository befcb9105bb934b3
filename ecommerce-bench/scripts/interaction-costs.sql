-- Where an interaction's insert time goes on PostgreSQL: the same 300 000 interactions of random
-- customers and products inserted with one INSERT ... SELECT, with everything, then without some of
-- the foreign keys or the score trigger, with the keys checked set-based by triggers instead, or with
-- the score rows' keys standing for the interaction's keys to customer and product, or through the
-- bulk loader interaction_load() (the keys kept, checked per statement with their locks), each
-- variant in its own rolled-back transaction, the tables vacuumed after each.
-- Into a database made with (from the repository root):
--   ./ecommerce generate --customers 100000 --products 10000 --orders 1000 --interactions 0 --seed 1 \
--       --jdbc-url 'jdbc:postgresql://127.0.0.1:5432/costs?user=postgres'
--   psql -h 127.0.0.1 -U postgres -d costs -f ecommerce-bench/scripts/interaction-costs.sql
-- Needs a superuser (session_replication_role). Leaves the database as it was but for the table src.
\timing on
DROP TABLE IF EXISTS src;
create table src as select 1 + (hashint8(g) & 65535) % 100000 as c, 1 + (hashint8(g+7) & 65535) % 10000 as p, (1 + g % 5)::smallint as t, timestamptz '2026-12-01' + (g % 86400) * interval '1 second' as at from generate_series(1,300000) g;
update src set c = 1 + (abs(hashint8(c*31+p)) % 100000), p = 1 + (abs(hashint8(p*17+c)) % 10000);
select count(distinct (c,p)) from src;
vacuum interaction, recommendation_score;
checkpoint;
\echo A everything
begin;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
-- a rolled-back variant leaves 300 000 dead rows in each table, which would slow the next ones
vacuum interaction, recommendation_score;
checkpoint;
\echo B without the foreign keys of the interaction
begin;
alter table interaction drop constraint interaction_customer_fk, drop constraint interaction_product_fk, drop constraint interaction_type_fk;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo C without the foreign keys of the interaction and of the score
begin;
alter table interaction drop constraint interaction_customer_fk, drop constraint interaction_product_fk, drop constraint interaction_type_fk;
alter table recommendation_score drop constraint recommendation_score_customer_fk, drop constraint recommendation_score_product_fk;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo D without the score trigger
begin;
alter table interaction disable trigger interaction_adds_to_score;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo E without any trigger or foreign key
begin;
set session_replication_role = replica;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo F everything, rows sorted by customer and product
begin;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src order by c, p;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo G the keys checked set-based in the statement triggers, with the row locks a foreign key takes
begin;
alter table interaction drop constraint interaction_customer_fk, drop constraint interaction_product_fk, drop constraint interaction_type_fk;
alter table recommendation_score drop constraint recommendation_score_customer_fk, drop constraint recommendation_score_product_fk;
-- the score trigger stays as it is; a second statement trigger checks the interaction's keys
CREATE FUNCTION interaction_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing BIGINT;
BEGIN
    PERFORM 1 FROM customer c WHERE c.id IN (SELECT n.customer_id FROM new_interactions n) ORDER BY c.id FOR KEY SHARE;
    SELECT n.customer_id INTO missing FROM new_interactions n WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = n.customer_id) LIMIT 1;
    IF FOUND THEN RAISE EXCEPTION 'no customer %', missing USING ERRCODE = 'foreign_key_violation'; END IF;
    PERFORM 1 FROM product c WHERE c.id IN (SELECT n.product_id FROM new_interactions n) ORDER BY c.id FOR KEY SHARE;
    SELECT n.product_id INTO missing FROM new_interactions n WHERE NOT EXISTS (SELECT 1 FROM product c WHERE c.id = n.product_id) LIMIT 1;
    IF FOUND THEN RAISE EXCEPTION 'no product %', missing USING ERRCODE = 'foreign_key_violation'; END IF;
    PERFORM 1 FROM interaction_type c WHERE c.id IN (SELECT n.type_id FROM new_interactions n) ORDER BY c.id FOR KEY SHARE;
    SELECT n.type_id INTO missing FROM new_interactions n WHERE NOT EXISTS (SELECT 1 FROM interaction_type c WHERE c.id = n.type_id) LIMIT 1;
    IF FOUND THEN RAISE EXCEPTION 'no type %', missing USING ERRCODE = 'foreign_key_violation'; END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER interaction_keys AFTER INSERT ON interaction REFERENCING NEW TABLE AS new_interactions FOR EACH STATEMENT EXECUTE FUNCTION interaction_keys();
CREATE FUNCTION score_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing BIGINT;
BEGIN
    PERFORM 1 FROM customer c WHERE c.id IN (SELECT n.customer_id FROM new_scores n) ORDER BY c.id FOR KEY SHARE;
    SELECT n.customer_id INTO missing FROM new_scores n WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = n.customer_id) LIMIT 1;
    IF FOUND THEN RAISE EXCEPTION 'no customer %', missing USING ERRCODE = 'foreign_key_violation'; END IF;
    PERFORM 1 FROM product c WHERE c.id IN (SELECT n.product_id FROM new_scores n) ORDER BY c.id FOR KEY SHARE;
    SELECT n.product_id INTO missing FROM new_scores n WHERE NOT EXISTS (SELECT 1 FROM product c WHERE c.id = n.product_id) LIMIT 1;
    IF FOUND THEN RAISE EXCEPTION 'no product %', missing USING ERRCODE = 'foreign_key_violation'; END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER score_keys AFTER INSERT ON recommendation_score REFERENCING NEW TABLE AS new_scores FOR EACH STATEMENT EXECUTE FUNCTION score_keys();
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo H without the keys of the interaction to customer and product, the key to its type kept: the keys of the score rows stand for them
begin;
alter table interaction drop constraint interaction_customer_fk, drop constraint interaction_product_fk;
insert into interaction(customer_id, product_id, type_id, occurred_at) select c, p, t, at from src;
rollback;
vacuum interaction, recommendation_score;
checkpoint;
\echo I through interaction_load: the keys kept, checked once per call with the locks a key takes (the arrays built first, untimed by it)
begin;
create temp table src_arrays as
select array_agg(c::bigint) as customers, array_agg(p::bigint) as products, array_agg(t) as types,
       array_agg(((extract(epoch from at) - 946684800) * 1000000)::bigint) as micros
  from src;
select interaction_load(customers, products, types, micros) from src_arrays;
rollback;
vacuum interaction, recommendation_score;
