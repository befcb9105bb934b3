-- H2: only a customer with an order containing the product may review it (as PostgreSQL's V12).
CREATE TRIGGER review_requires_purchase BEFORE INSERT, UPDATE ON review
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.ReviewRequiresPurchase';
