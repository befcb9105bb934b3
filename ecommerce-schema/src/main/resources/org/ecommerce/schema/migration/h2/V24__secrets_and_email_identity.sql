-- H2: secrets and email identity, enforced whoever writes; the same rules as PostgreSQL's V24.
-- The Java functions below must be on the class path when this runs (they ship in this jar).
--
-- 1. A password hash is an Argon2id PHC string as PasswordHasher writes it: version 19, the
--    memory, iterations and lanes as positive whole numbers (m up to 10 digits, t up to 10, p up to
--    8), then a salt of at least 16 bytes and a hash of at least 32 bytes in unpadded standard
--    base64. PasswordHasher writes 64-byte salts and 32-byte hashes; argon2i, argon2d and version
--    16, which it could still verify, are refused because the library never writes them.
--    A database holding another string stops here, naming the constraint.
ALTER TABLE customer DROP CONSTRAINT customer_password_is_hash;
ALTER TABLE customer ADD CONSTRAINT customer_password_is_hash
    CHECK (REGEXP_LIKE(password_hash,
        '^[$]argon2id[$]v=19[$]m=[1-9][0-9]{0,9},t=[1-9][0-9]{0,9},p=[1-9][0-9]{0,7}[$][A-Za-z0-9+/]{22,}[$][A-Za-z0-9+/]{43,}$')
           -- Java's $ (H2) also matches before a final line break, PostgreSQL's does not: the last
           -- character must be base64 on both
           AND REGEXP_LIKE(RIGHT(password_hash, 1), '^[A-Za-z0-9+/]$'));

-- 2. No free-text or token column holds a payment card number: a run of 13 to 19 digits, single
--    spaces or dashes allowed between them, that passes the Luhn checksum. Guarded: customer email,
--    name and address lines; credit_card brand, holder_name and processor_token; delivery address
--    lines; review body; order_return reason. Not guarded: customer.phone (a 13-15 digit phone
--    number passes Luhn one time in ten) and gift_card.serial (gift card serials are themselves
--    Luhn numbers of that length).
--    The check is org.ecommerce.schema.h2.CardNumbers, the library's validation's too.
CREATE ALIAS contains_card_number DETERMINISTIC FOR 'org.ecommerce.schema.h2.CardNumbers.contains';

ALTER TABLE customer ADD CONSTRAINT customer_no_card_number
    CHECK (NOT (contains_card_number(email)
             OR contains_card_number(name)
             OR contains_card_number(address_building)
             OR contains_card_number(address_street)
             OR contains_card_number(address_city)
             OR contains_card_number(address_region)
             OR contains_card_number(address_postcode)));
ALTER TABLE credit_card ADD CONSTRAINT credit_card_no_card_number
    CHECK (NOT (contains_card_number(brand)
             OR contains_card_number(holder_name)
             OR contains_card_number(processor_token)));
ALTER TABLE delivery ADD CONSTRAINT delivery_no_card_number
    CHECK (NOT (contains_card_number(address_building)
             OR contains_card_number(address_street)
             OR contains_card_number(address_city)
             OR contains_card_number(address_region)
             OR contains_card_number(address_postcode)));
ALTER TABLE review ADD CONSTRAINT review_no_card_number
    CHECK (NOT (contains_card_number(body)));
ALTER TABLE order_return ADD CONSTRAINT order_return_no_card_number
    CHECK (NOT (contains_card_number(reason)));

-- 3. One account per email address under org.ecommerce.schema.h2.EmailKeys (see PostgreSQL's
--    V24, whose email_key(text) computes the same): an invisible generated column, unique.
CREATE ALIAS email_key DETERMINISTIC FOR 'org.ecommerce.schema.h2.EmailKeys.of';

ALTER TABLE customer DROP CONSTRAINT customer_email_unique;
ALTER TABLE customer DROP COLUMN email_lower;
ALTER TABLE customer ADD COLUMN email_key VARCHAR INVISIBLE GENERATED ALWAYS AS (email_key(email));
ALTER TABLE customer ADD CONSTRAINT customer_email_unique UNIQUE (email_key);
