-- Order within co-purchase: of the customers who bought product_id, the share who bought
-- similar_id after it (strictly later). "Bought a phone, then a case" is a reason to offer the
-- case to a phone buyer; the reverse is not. Recomputed by a rebuild with strength; 0 until then.
ALTER TABLE product_similarity ADD COLUMN then_bought DOUBLE PRECISION DEFAULT 0 NOT NULL;
