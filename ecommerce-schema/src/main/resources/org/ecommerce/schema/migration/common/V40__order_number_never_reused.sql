-- The number a customer is told: 'ORD-' and 15 hexadecimal digits, 60 random bits drawn by the
-- database (gen_random_uuid(), version 4: the 13th digit is the fixed version, left out) for every
-- new row, whoever inserts it. Unlike the id, which an identity sequence hands out, it does not
-- depend on what a standby received before it was promoted: after a failover that lost the last
-- orders, their numbers are not drawn again (a repeat is as likely as two of 2^60 draws meeting).
-- Existing orders get a number each as the column is added (PostgreSQL rewrites the table).
ALTER TABLE orders ADD COLUMN number VARCHAR(19)
    DEFAULT ('ORD-' || UPPER(SUBSTRING(REPLACE(CAST(gen_random_uuid() AS VARCHAR), '-', ''), 1, 12)
                      || SUBSTRING(REPLACE(CAST(gen_random_uuid() AS VARCHAR), '-', ''), 14, 3))) NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_number_unique UNIQUE (number);
