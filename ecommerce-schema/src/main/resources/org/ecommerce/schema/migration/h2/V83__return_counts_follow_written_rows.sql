-- H2: one statement may change several returns of an order. The turn trigger of V30 takes the
-- order's turn and compares its counts before each row; the counts now follow each row after it
-- is written (org.ecommerce.schema.h2.OrderReturnsTakeTurns fires on both sides). H2 runs an
-- UPDATE's or DELETE's before-row triggers for all its rows first and writes them afterwards, so
-- counts moved before the row disagreed with what the statement's next row saw, and deleting a
-- pending return's two lines, or closing two returns of one order, in one statement failed with a
-- serialization failure every time. The turn itself is now a count of its own: H2 sees no
-- conflict in an update that changes nothing, and taking a turn before the row changes no count.
ALTER TABLE ecommerce_order_turn ADD COLUMN turns BIGINT DEFAULT 0 NOT NULL;
CREATE TRIGGER return_line_counted AFTER INSERT, UPDATE, DELETE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnsTakeTurns';
CREATE TRIGGER order_return_counted AFTER UPDATE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnsTakeTurns';

-- The same order of H2's let one UPDATE raise several lines of an order past what was bought: each
-- line's before-row check saw the others at their old quantities. return_exceeds_purchase is
-- checked once more after each updated line is written, on the total as written.
CREATE TRIGGER return_line_within_purchase_written AFTER UPDATE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.ReturnLineWithinPurchase';
