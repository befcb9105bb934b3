-- The five built-in interaction types keep their names. Orders record 'purchase' and reviews
-- 'review' by name, and the score triggers and the rebuild mark a purchase by the name 'purchase':
-- a renamed built-in type made every order fail and the model stop marking purchases. Their
-- weights stay the application's to change (InteractionRepository.changeWeight); other types may
-- be added under other names.
ALTER TABLE interaction_type ADD CONSTRAINT interaction_type_built_in_names_fixed CHECK (
    CASE id
        WHEN 1 THEN name = 'view'
        WHEN 2 THEN name = 'click'
        WHEN 3 THEN name = 'add_to_cart'
        WHEN 4 THEN name = 'purchase'
        WHEN 5 THEN name = 'review'
        ELSE TRUE
    END);
