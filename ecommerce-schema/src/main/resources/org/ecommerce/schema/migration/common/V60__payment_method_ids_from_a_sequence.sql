-- A payment method's id comes from a sequence of its own instead of an identity column, so that
-- a writer can take the id for the card row it must write first (V61: a payment method refers to
-- its credit card or gift card row). Each engine's V61 moves the sequence past the ids in use.
ALTER TABLE payment_method ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE payment_method_id_seq AS BIGINT;
ALTER TABLE payment_method ALTER COLUMN id SET DEFAULT nextval('payment_method_id_seq');
