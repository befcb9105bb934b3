-- H2: status transitions of deliveries and returns, and what a return may contain
-- (as PostgreSQL's V13).
CREATE TRIGGER delivery_status_transition BEFORE UPDATE ON delivery
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.DeliveryStatusTransition';

CREATE TRIGGER order_return_status_transition BEFORE UPDATE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnStatusTransition';

CREATE TRIGGER order_return_restock AFTER UPDATE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnRestock';

CREATE TRIGGER return_line_within_purchase BEFORE INSERT, UPDATE, DELETE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.ReturnLineWithinPurchase';
