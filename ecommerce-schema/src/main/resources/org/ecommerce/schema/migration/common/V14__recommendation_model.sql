-- The recommendation model: how scores decay, which products a customer bought, and the two
-- catalogue-wide tables a batch rebuild derives from the interactions.

-- Scores decay exponentially with a half-life. Instead of rewriting every score as time passes,
-- each interaction adds weight * 2^((occurred_at - decay_epoch) / half_life): all of a customer's
-- scores share the factor 2^(-(now - decay_epoch) / half_life), so ranking by the stored value is
-- ranking by the decayed value. One row, read by the interaction trigger (V15).
CREATE TABLE recommendation_setting (
    id                   SMALLINT NOT NULL,
    half_life_seconds    BIGINT   NOT NULL,
    -- seconds since 1970-01-01T00:00Z; a rebuild moves it to the newest interaction (see V15)
    decay_epoch_seconds  BIGINT   NOT NULL,
    CONSTRAINT recommendation_setting_pk PRIMARY KEY (id),
    CONSTRAINT recommendation_setting_single_row CHECK (id = 1),
    CONSTRAINT recommendation_setting_half_life_positive CHECK (half_life_seconds > 0)
);
-- 30 days; epoch 2025-01-01T00:00Z
INSERT INTO recommendation_setting (id, half_life_seconds, decay_epoch_seconds) VALUES (1, 2592000, 1735689600);

-- Whether the customer bought the product: top-N excludes those rows without another lookup.
ALTER TABLE recommendation_score ADD COLUMN purchased BOOLEAN DEFAULT FALSE NOT NULL;
-- 2^1000 is about 1e301: an interaction ~1000 half-lives after the epoch would overflow a double.
-- Refuse it (H2 would otherwise store Infinity); rebuilding moves the epoch forward.
ALTER TABLE recommendation_score ADD CONSTRAINT recommendation_score_in_range
    CHECK (score >= 0 AND score <= 1.0E300);

-- Item-to-item co-occurrence ("customers who engaged with X also engaged with Y"): the strongest
-- neighbours of each product, cosine-normalised, recomputed by a rebuild (not per interaction:
-- one interaction would touch as many pairs as the customer has products).
CREATE TABLE product_similarity (
    product_id  BIGINT           NOT NULL,
    similar_id  BIGINT           NOT NULL,
    strength    DOUBLE PRECISION NOT NULL,
    CONSTRAINT product_similarity_pk PRIMARY KEY (product_id, similar_id),
    CONSTRAINT product_similarity_product_fk FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT product_similarity_similar_fk FOREIGN KEY (similar_id) REFERENCES product (id),
    CONSTRAINT product_similarity_not_self CHECK (similar_id <> product_id)
);
-- also-bought for one product is an index range scan
CREATE INDEX product_similarity_rank_idx ON product_similarity (product_id, strength DESC, similar_id);

-- Decayed, weighted popularity of each product over all customers, with its category and brand
-- copied in so that "most popular in the customer's favourite category" is one index range scan.
CREATE TABLE product_popularity (
    product_id   BIGINT           NOT NULL,
    category_id  BIGINT           NOT NULL,
    brand_id     BIGINT           NOT NULL,
    popularity   DOUBLE PRECISION NOT NULL,
    -- customers who interacted with the product at all, the denominator of co-occurrence
    audience     BIGINT           NOT NULL,
    buyers       BIGINT           NOT NULL,
    CONSTRAINT product_popularity_pk PRIMARY KEY (product_id),
    CONSTRAINT product_popularity_product_fk FOREIGN KEY (product_id) REFERENCES product (id)
);
CREATE INDEX product_popularity_rank_idx ON product_popularity (popularity DESC, product_id);
CREATE INDEX product_popularity_category_idx ON product_popularity (category_id, popularity DESC, product_id);
CREATE INDEX product_popularity_brand_idx ON product_popularity (brand_id, popularity DESC, product_id);
