-- An interaction is never changed: its customer, product, type and time are what the score trigger
-- added to recommendation_score when it was recorded, and what a rebuild reads. A wrong interaction
-- is deleted and recorded again instead. H2 twin of PostgreSQL's interaction_fixed().
CREATE TRIGGER interaction_fixed BEFORE UPDATE ON interaction
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.InteractionFixed';
