-- PostgreSQL: every inserted interaction adds its decayed weight to the (customer, product)
-- score in the same statement, whoever inserts it (this library or plain SQL).
-- The exponent is clamped to +-1000 half-lives: PostgreSQL raises on double overflow and underflow.
-- Past -1000 an interaction is worth 2^-1000 of its weight (nothing, in effect); past +1000 the
-- score exceeds recommendation_score_in_range (1e300) and the insert is refused by that name.
-- One indexed upsert per row; the formula is the one RecommendationRepository.rebuildAll() sums,
-- and H2's InteractionAddsToScore runs the same SQL expression.
CREATE FUNCTION interaction_adds_to_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recommendation_score AS s (customer_id, product_id, score, purchased, updated_at)
    SELECT NEW.customer_id, NEW.product_id,
           CAST(t.weight AS DOUBLE PRECISION)
               * POWER(CAST(2 AS DOUBLE PRECISION),
                       GREATEST(-1000, LEAST(1000,
                           CAST(EXTRACT(EPOCH FROM NEW.occurred_at) - m.decay_epoch_seconds AS DOUBLE PRECISION)
                               / m.half_life_seconds))),
           t.name = 'purchase',
           NEW.occurred_at
      FROM interaction_type t CROSS JOIN recommendation_setting m
     WHERE t.id = NEW.type_id
    ON CONFLICT (customer_id, product_id) DO UPDATE
       SET score = s.score + EXCLUDED.score,
           purchased = s.purchased OR EXCLUDED.purchased,
           updated_at = GREATEST(s.updated_at, EXCLUDED.updated_at);
    -- an unknown type is left to interaction_type_fk
    RETURN NULL;
END $$;

CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON interaction
    FOR EACH ROW EXECUTE FUNCTION interaction_adds_to_score();
