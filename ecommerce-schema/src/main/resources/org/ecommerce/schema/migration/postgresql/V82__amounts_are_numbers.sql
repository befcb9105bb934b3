-- PostgreSQL: an amount, a price or a weight is a number. PostgreSQL's NUMERIC also holds 'NaN',
-- which it sorts above every number, so that 'NaN' >= 0 holds and a check of a lower bound alone
-- would take it: a product priced NaN, an order's totals NaN, a gift card whose initial amount is
-- NaN (and whose balance is then never above it), a type weighing NaN (every interaction of it then
-- refused). H2's NUMERIC holds no NaN. Each check keeps its name and adds the bound; a subtotal
-- equals quantity times a unit price that is a number, so it is one too. A database already holding
-- a NaN stops here, the refusal naming the constraint: correct the row and migrate again.
ALTER TABLE product DROP CONSTRAINT product_price_not_negative,
    ADD CONSTRAINT product_price_not_negative CHECK (price >= 0 AND price <> 'NaN');
ALTER TABLE gift_card DROP CONSTRAINT gift_card_initial_amount_positive,
    ADD CONSTRAINT gift_card_initial_amount_positive CHECK (initial_amount > 0 AND initial_amount <> 'NaN');
ALTER TABLE gift_card DROP CONSTRAINT gift_card_balance_not_negative,
    ADD CONSTRAINT gift_card_balance_not_negative CHECK (balance >= 0 AND balance <> 'NaN');
ALTER TABLE orders DROP CONSTRAINT orders_total_not_negative,
    ADD CONSTRAINT orders_total_not_negative CHECK (total >= 0 AND total <> 'NaN');
ALTER TABLE orders DROP CONSTRAINT orders_deduction_not_negative,
    ADD CONSTRAINT orders_deduction_not_negative CHECK (deduction >= 0 AND deduction <> 'NaN');
ALTER TABLE orders DROP CONSTRAINT orders_grand_total_not_negative,
    ADD CONSTRAINT orders_grand_total_not_negative CHECK (grand_total >= 0 AND grand_total <> 'NaN');
ALTER TABLE order_line DROP CONSTRAINT order_line_unit_price_not_negative,
    ADD CONSTRAINT order_line_unit_price_not_negative CHECK (unit_price >= 0 AND unit_price <> 'NaN');
ALTER TABLE interaction_type DROP CONSTRAINT interaction_type_weight_not_negative,
    ADD CONSTRAINT interaction_type_weight_not_negative CHECK (weight >= 0 AND weight <> 'NaN');
