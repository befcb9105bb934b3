-- H2: interaction stays one table (PostgreSQL's V71 partitions it by month). Retention works
-- alike on H2: the library's maintain() folds the interactions older than the setting into
-- interaction_folded (V70) and deletes them.
-- The new table joins the truncate guard (V21).
ALTER TABLE ecommerce_truncate_guard ADD COLUMN interaction_folded_customer_id BIGINT;
ALTER TABLE ecommerce_truncate_guard ADD COLUMN interaction_folded_product_id BIGINT;
ALTER TABLE ecommerce_truncate_guard ADD COLUMN interaction_folded_type_id SMALLINT;
ALTER TABLE ecommerce_truncate_guard ADD CONSTRAINT truncate_guard_interaction_folded_fk
    FOREIGN KEY (interaction_folded_customer_id, interaction_folded_product_id, interaction_folded_type_id)
    REFERENCES interaction_folded (customer_id, product_id, type_id);
