-- A customer may have no password yet (an imported account, one opened on the customer's behalf):
-- such a customer cannot sign in until a password is set. A hash, when there is one, is still
-- held to customer_password_is_hash (a CHECK passes on NULL).
ALTER TABLE customer ALTER COLUMN password_hash DROP NOT NULL;
