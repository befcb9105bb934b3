-- H2: a closed return keeps its id as it is kept itself (as PostgreSQL's V81). The rules that keep
-- an order's buyer and a payment method's kind run on every update of their rows and refuse a
-- change of the row's id too; a return line needs an order line (return_line_order_line_fk,
-- checked by its trigger before the key, so that both engines name the rule alike).
-- Re-created, the trigger fires after order_return_takes_turn, which PostgreSQL, firing by name,
-- runs after it: an update that changes a return's id and status takes the order's turn first here.
DROP TRIGGER order_return_closed_kept;
CREATE TRIGGER order_return_closed_kept BEFORE UPDATE, DELETE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnClosedKept';
