-- H2: rules checked on the row that moves also hold when the row they depend on changes
-- (as PostgreSQL's V23; the bodies are Java classes in org.ecommerce.schema.h2).

-- Stock is taken only for a line actually inserted: INSERT ... ON CONFLICT DO NOTHING fires the
-- BEFORE INSERT trigger of a row it then skips, but not its AFTER INSERT trigger. The guarded
-- UPDATE still refuses the buyer who finds too few units and aborts the statement.
DROP TRIGGER order_line_take_stock;
CREATE TRIGGER order_line_take_stock AFTER INSERT ON order_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderLineTakeStock';

CREATE TRIGGER orders_customer_fixed BEFORE UPDATE ON orders
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrdersCustomerFixed';

CREATE TRIGGER delivery_stays_with_order BEFORE UPDATE, DELETE ON delivery
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.DeliveryStaysWithOrder';

CREATE TRIGGER order_return_closed_kept BEFORE DELETE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnClosedKept';

CREATE TRIGGER return_line_identity_fixed BEFORE UPDATE ON return_line
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.ReturnLineIdentityFixed';

-- H2 has no deferred triggers, so a payment_method row inserted without its subtype is not
-- refused here (nor on PostgreSQL, see its V23); losing the subtype afterwards is.
CREATE TRIGGER credit_card_kept BEFORE UPDATE, DELETE ON credit_card
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.CreditCardKept';

CREATE TRIGGER gift_card_kept BEFORE UPDATE, DELETE ON gift_card
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.GiftCardKept';
