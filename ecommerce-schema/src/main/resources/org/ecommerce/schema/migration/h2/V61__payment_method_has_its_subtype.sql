-- H2: a payment method always has its credit card or gift card row (as PostgreSQL's V61).
-- The supertype references its subtype, which is written first with an id taken from the
-- sequence payment_method_id_seq (V60); the subtypes no longer reference the supertype.
-- H2 commits each DDL statement: the keys come first, so that a method without its card row
-- stops the migration before anything else changes, and each statement may run again.

-- The sequence starts past the ids in use; the default names it as parsed here, in the schema
-- migrated, not by a name looked up in whatever schema a later session is in.
ALTER SEQUENCE payment_method_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 1 FROM payment_method);
ALTER TABLE payment_method ALTER COLUMN id SET DEFAULT NEXT VALUE FOR payment_method_id_seq;

-- Invisible, as customer.email_key is: SELECT * shows a payment method's own columns.
ALTER TABLE payment_method ADD COLUMN IF NOT EXISTS credit_card_key BIGINT INVISIBLE
    GENERATED ALWAYS AS (CASE WHEN kind = 'credit_card' THEN id END);
ALTER TABLE payment_method ADD COLUMN IF NOT EXISTS gift_card_key BIGINT INVISIBLE
    GENERATED ALWAYS AS (CASE WHEN kind = 'gift_card' THEN id END);
ALTER TABLE payment_method ADD CONSTRAINT IF NOT EXISTS payment_method_credit_card_fk
    FOREIGN KEY (credit_card_key) REFERENCES credit_card (payment_method_id);
ALTER TABLE payment_method ADD CONSTRAINT IF NOT EXISTS payment_method_gift_card_fk
    FOREIGN KEY (gift_card_key) REFERENCES gift_card (payment_method_id);

ALTER TABLE credit_card DROP CONSTRAINT IF EXISTS credit_card_supertype_fk;
ALTER TABLE gift_card DROP CONSTRAINT IF EXISTS gift_card_supertype_fk;
ALTER TABLE payment_method DROP CONSTRAINT IF EXISTS payment_method_id_kind_unique;

CREATE TRIGGER IF NOT EXISTS payment_method_kind_fixed BEFORE UPDATE ON payment_method
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.PaymentMethodKindFixed';

-- The card row a method refers to is claimed (its invisible column claimed set) as the method is
-- written: an H2 foreign key takes no lock, so a concurrent deletion of the row could otherwise
-- commit beside the new method; a real change to the row makes the two writers conflict.
ALTER TABLE credit_card ADD COLUMN IF NOT EXISTS claimed BOOLEAN INVISIBLE DEFAULT FALSE NOT NULL;
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS claimed BOOLEAN INVISIBLE DEFAULT FALSE NOT NULL;
UPDATE credit_card SET claimed = TRUE WHERE payment_method_id IN (SELECT id FROM payment_method);
UPDATE gift_card SET claimed = TRUE WHERE payment_method_id IN (SELECT id FROM payment_method);
CREATE TRIGGER IF NOT EXISTS payment_method_card_locked BEFORE INSERT ON payment_method
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.PaymentMethodCardLocked';
