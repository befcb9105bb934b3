-- PostgreSQL: secrets and email identity, enforced whoever writes.
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
--    contains_card_number is the plpgsql twin of org.ecommerce.schema.h2.CardNumbers (H2's and
--    the library's validation): maximal runs only, so a longer digit string is not refused by chance.
CREATE FUNCTION contains_card_number(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    run    text;
    digits text;
    total  integer;
    d      integer;
BEGIN
    IF t IS NULL THEN
        RETURN false;
    END IF;
    FOR run IN SELECT m[1] FROM regexp_matches(t, '[0-9](?:[ -]?[0-9])*', 'g') AS m LOOP
        digits := translate(run, ' -', '');
        IF length(digits) BETWEEN 13 AND 19 THEN
            total := 0;
            FOR i IN 0 .. length(digits) - 1 LOOP
                d := ascii(substr(digits, length(digits) - i, 1)) - 48;
                IF i % 2 = 1 THEN
                    d := CASE WHEN d * 2 > 9 THEN d * 2 - 9 ELSE d * 2 END;
                END IF;
                total := total + d;
            END LOOP;
            IF total % 10 = 0 THEN
                RETURN true;
            END IF;
        END IF;
    END LOOP;
    RETURN false;
END $$;

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

-- 3. One account per email address under a normalisation that does not depend on the database's
--    locale (lower() follows LC_CTYPE: under C it leaves É as it is). email_key(text) is the twin of
--    org.ecommerce.schema.h2.EmailKeys: NFKC; U+0130 (I with dot above) to I; upper then lower case
--    by ICU's root locale (the collation "und-x-icu", the same in every database of the server);
--    final sigma to sigma; NFKC again. The key is a stored generated column: no writer sets it.
--    Needs a server built with ICU (the und-x-icu collation); without it this migration stops.
CREATE FUNCTION email_key(email text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN normalize(translate(lower(upper(translate(normalize(email, NFKC), 'İ', 'I') COLLATE "und-x-icu")
                                     COLLATE "und-x-icu"), 'ς', 'σ'), NFKC);

DROP INDEX customer_email_unique;
ALTER TABLE customer ADD COLUMN email_key text GENERATED ALWAYS AS (email_key(email)) STORED;
ALTER TABLE customer ADD CONSTRAINT customer_email_unique UNIQUE (email_key);
