-- Every date and timestamp a shop keeps lies between 1800-01-01 and the end of 9999 (timestamps
-- compared in UTC). Portable DDL: this file runs unchanged on PostgreSQL and H2.
--
-- Why these bounds:
-- * Far-off values do not survive the way between Java and the engines alike. A birth date of
--   -5000-01-01 sent through jOOQ is refused by PostgreSQL ("5001-01-01 BC" out of range) and
--   stored by H2 as -5001-11-22 (java.sql.Date counts in the Julian calendar before 1582), which
--   reads back as 5001-01-01. From 1800 on, java.time, java.sql and both engines agree on every day.
-- * 1800 is earlier than any birth date a shop needs; 9999 is the last year ISO-8601 writes with
--   four digits and no sign, as the CSV files and both engines print dates.
-- * The bounds are fixed: a CHECK must give the same answer whenever the row is checked again
--   (an update, a restore years later), so "a birth date is not in the future" cannot be one.
--   That rule is the Java validation's (RegisterCustomer, UpdateProfile), which also applies
--   these bounds before the database, naming the field.
-- A database already holding a value outside them stops here, the refusal naming the
-- constraint: correct the row and migrate again.

ALTER TABLE customer ADD CONSTRAINT customer_birth_date_in_range
    CHECK (birth_date BETWEEN DATE '1800-01-01' AND DATE '9999-12-31');
ALTER TABLE customer ADD CONSTRAINT customer_created_at_in_range
    CHECK (created_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE product ADD CONSTRAINT product_created_at_in_range
    CHECK (created_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE basket ADD CONSTRAINT basket_created_at_in_range
    CHECK (created_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
ALTER TABLE basket_line ADD CONSTRAINT basket_line_added_at_in_range
    CHECK (added_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                        AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE payment_method ADD CONSTRAINT payment_method_expires_on_in_range
    CHECK (expires_on BETWEEN DATE '1800-01-01' AND DATE '9999-12-31');
ALTER TABLE payment_method ADD CONSTRAINT payment_method_created_at_in_range
    CHECK (created_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
ALTER TABLE payment_method ADD CONSTRAINT payment_method_removed_at_in_range
    CHECK (removed_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE orders ADD CONSTRAINT orders_placed_at_in_range
    CHECK (placed_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                         AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE delivery ADD CONSTRAINT delivery_expected_on_in_range
    CHECK (expected_on BETWEEN DATE '1800-01-01' AND DATE '9999-12-31');
ALTER TABLE delivery ADD CONSTRAINT delivery_delivered_at_in_range
    CHECK (delivered_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                            AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
ALTER TABLE delivery ADD CONSTRAINT delivery_updated_at_in_range
    CHECK (updated_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE order_return ADD CONSTRAINT order_return_started_on_in_range
    CHECK (started_on BETWEEN DATE '1800-01-01' AND DATE '9999-12-31');
ALTER TABLE order_return ADD CONSTRAINT order_return_due_on_in_range
    CHECK (due_on BETWEEN DATE '1800-01-01' AND DATE '9999-12-31');
ALTER TABLE order_return ADD CONSTRAINT order_return_closed_at_in_range
    CHECK (closed_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                         AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE review ADD CONSTRAINT review_reviewed_at_in_range
    CHECK (reviewed_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                           AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');

ALTER TABLE interaction ADD CONSTRAINT interaction_occurred_at_in_range
    CHECK (occurred_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                           AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
ALTER TABLE recommendation_score ADD CONSTRAINT recommendation_score_updated_at_in_range
    CHECK (updated_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                          AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
