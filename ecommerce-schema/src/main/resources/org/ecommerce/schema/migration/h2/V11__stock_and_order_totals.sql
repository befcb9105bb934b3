-- H2: selling takes stock, and an order's total is the sum of its lines.
-- Same rules and messages as PostgreSQL's V11; the bodies are Java classes in
-- org.ecommerce.schema.h2 (H2 has no procedural SQL).
CREATE TRIGGER order_line_take_stock BEFORE INSERT ON order_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderLineTakeStock';

CREATE TRIGGER order_line_immutable BEFORE UPDATE, DELETE ON order_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderLineImmutable';

CREATE TRIGGER order_line_update_totals AFTER INSERT ON order_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderLineUpdateTotals';

CREATE TRIGGER orders_total_matches_lines BEFORE INSERT, UPDATE ON orders
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrdersTotalMatchesLines';
