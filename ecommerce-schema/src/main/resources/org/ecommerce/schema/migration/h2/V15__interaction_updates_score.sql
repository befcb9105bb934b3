-- H2: every inserted interaction adds its decayed weight to the (customer, product) score
-- (as PostgreSQL's V15); the body is org.ecommerce.schema.h2.InteractionAddsToScore.
CREATE TRIGGER interaction_adds_to_score AFTER INSERT ON interaction
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.InteractionAddsToScore';
