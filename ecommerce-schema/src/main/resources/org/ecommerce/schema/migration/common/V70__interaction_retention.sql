-- Retention of interactions: months older than a setting may be removed from interaction, their
-- weight first folded into interaction_folded, so that a rebuild of the recommendation tables
-- (scores, popularity, co-purchase) gives the same results with or without the removed rows.
-- Each engine's interaction_maintenance (V71) folds and removes; nothing is removed while the
-- setting is NULL, as it is here.
ALTER TABLE recommendation_setting ADD COLUMN interaction_retention_months INTEGER;
ALTER TABLE recommendation_setting ADD CONSTRAINT recommendation_setting_retention_positive
    CHECK (interaction_retention_months >= 1);

-- The removed interactions of one (customer, product, type), as much as the rebuild needs:
-- how many, their decay term summed (each 2^((occurred_at - reference_epoch_seconds) /
-- half_life_seconds), clamped to +-1000 half-lives as the score trigger clamps it, without the
-- type's weight, so that a changed weight applies to them too), the decay setting that sum is
-- relative to, and the first and last of them (the first purchase orders co-purchases, the last
-- one stamps the score's updated_at).
CREATE TABLE interaction_folded (
    customer_id              BIGINT           NOT NULL,
    product_id               BIGINT           NOT NULL,
    type_id                  SMALLINT         NOT NULL,
    interactions             BIGINT           NOT NULL,
    decayed_count            DOUBLE PRECISION NOT NULL,
    reference_epoch_seconds  BIGINT           NOT NULL,
    half_life_seconds        BIGINT           NOT NULL,
    first_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT interaction_folded_pk PRIMARY KEY (customer_id, product_id, type_id),
    CONSTRAINT interaction_folded_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT interaction_folded_product_fk FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT interaction_folded_type_fk FOREIGN KEY (type_id) REFERENCES interaction_type (id)
);
