-- H2: the same uniqueness rules as PostgreSQL's V10. H2 has no expression or partial
-- indexes, so each rule is a UNIQUE constraint on an invisible computed column.

-- One account per email address, whatever its letter case.
ALTER TABLE customer ADD COLUMN email_lower VARCHAR(254) INVISIBLE GENERATED ALWAYS AS (LOWER(email));
ALTER TABLE customer ADD CONSTRAINT customer_email_unique UNIQUE (email_lower);

-- At most one default payment method per customer (NULL for the others; NULLs never collide).
ALTER TABLE payment_method ADD COLUMN default_of_customer BIGINT INVISIBLE
    GENERATED ALWAYS AS (CASE WHEN is_default THEN customer_id END);
ALTER TABLE payment_method ADD CONSTRAINT payment_method_one_default UNIQUE (default_of_customer);
