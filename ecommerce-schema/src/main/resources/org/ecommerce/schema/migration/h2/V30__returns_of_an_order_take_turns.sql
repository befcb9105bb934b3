-- H2: the writers of one order's returns take turns, at every isolation level (as PostgreSQL's V30;
-- the body is org.ecommerce.schema.h2.OrderReturnsTakeTurns).
-- Before return_exceeds_purchase, return_line_return_pending or order_return_restock read rows
-- that a concurrent writer of the same order may change, the writer takes a turn in the order's
-- row of this table: a second writer waits for the first; at REPEATABLE READ and SERIALIZABLE it
-- then fails with a serialization failure (SQLSTATE 40001), which the library retries. The row also
-- counts the units in the order's return lines and its closed returns: H2's REPEATABLE READ takes
-- each table's snapshot at the transaction's first read of that table, so a writer whose snapshot
-- of return_line or order_return is older than the counts is stopped with the same failure.
-- The triggers run as the writing user, so every user may take turns; emptying or editing the
-- table makes later return writes of an order fail until its counts agree again, never pass.
CREATE TABLE ecommerce_order_turn (
    order_id         BIGINT NOT NULL,
    returned_units   BIGINT NOT NULL,
    closed_returns   BIGINT NOT NULL,
    CONSTRAINT ecommerce_order_turn_pk PRIMARY KEY (order_id)
);
INSERT INTO ecommerce_order_turn (order_id, returned_units, closed_returns)
SELECT r.order_id,
       COALESCE((SELECT SUM(l.quantity) FROM return_line l WHERE l.order_id = r.order_id), 0),
       COUNT(CASE WHEN r.status <> 'pending' THEN 1 END)
  FROM order_return r
 GROUP BY r.order_id;
GRANT SELECT, INSERT, UPDATE ON ecommerce_order_turn TO PUBLIC;

CREATE TRIGGER return_line_takes_turn BEFORE INSERT, UPDATE, DELETE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnsTakeTurns';
CREATE TRIGGER order_return_takes_turn BEFORE UPDATE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnsTakeTurns';

-- H2 fires a table's triggers in the order they were created: the rule comes after the turn.
DROP TRIGGER return_line_within_purchase;
CREATE TRIGGER return_line_within_purchase BEFORE INSERT, UPDATE, DELETE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.ReturnLineWithinPurchase';
