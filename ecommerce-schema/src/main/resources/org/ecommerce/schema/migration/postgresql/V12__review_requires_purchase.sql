-- PostgreSQL: only a customer with an order containing the product may review it.
CREATE FUNCTION review_requires_purchase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1
                     FROM orders o
                     JOIN order_line l ON l.order_id = o.id
                    WHERE o.customer_id = NEW.customer_id
                      AND l.product_id = NEW.product_id) THEN
        RAISE EXCEPTION 'review_requires_purchase: customer % has not bought product %',
                NEW.customer_id, NEW.product_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'review_requires_purchase';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER review_requires_purchase BEFORE INSERT OR UPDATE OF customer_id, product_id ON review
    FOR EACH ROW EXECUTE FUNCTION review_requires_purchase();
