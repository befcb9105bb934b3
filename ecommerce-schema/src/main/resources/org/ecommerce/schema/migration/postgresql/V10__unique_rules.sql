-- PostgreSQL: uniqueness rules that need an expression or a partial index.

-- One account per email address, whatever its letter case.
CREATE UNIQUE INDEX customer_email_unique ON customer (LOWER(email));

-- At most one default payment method per customer.
CREATE UNIQUE INDEX payment_method_one_default ON payment_method (customer_id) WHERE is_default;
