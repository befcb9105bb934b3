-- H2: a new order's total is checked against the lines it already has, after the row is written,
-- as PostgreSQL's V73 checks it after the statement; an update's is still checked before. One
-- class, OrdersTotalMatchesLines, judges both. H2's foreign keys are never set aside, so a new
-- order there has no lines yet and starts at 0, as before.
DROP TRIGGER orders_total_matches_lines;
CREATE TRIGGER orders_total_matches_lines BEFORE UPDATE ON orders
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrdersTotalMatchesLines';
CREATE TRIGGER orders_inserted_total_matches_lines AFTER INSERT ON orders
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrdersTotalMatchesLines';
