-- H2: the trigger classes DeliveryStatusTransition and OrderReturnStatusTransition read the allowed
-- moves from status_transition (see the common V25). They now fire AFTER UPDATE, as on
-- PostgreSQL: the row has passed its CHECKs, so its status is one the table knows.
DROP TRIGGER delivery_status_transition;
CREATE TRIGGER delivery_status_transition AFTER UPDATE ON delivery
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.DeliveryStatusTransition';

DROP TRIGGER order_return_status_transition;
CREATE TRIGGER order_return_status_transition AFTER UPDATE ON order_return
    FOR EACH ROW CALL 'org.ecommerce.schema.h2.OrderReturnStatusTransition';

-- The new table joins the truncate guard (V21).
ALTER TABLE ecommerce_truncate_guard ADD COLUMN status_transition_machine VARCHAR(32);
ALTER TABLE ecommerce_truncate_guard ADD COLUMN status_transition_from_status VARCHAR(16);
ALTER TABLE ecommerce_truncate_guard ADD COLUMN status_transition_to_status VARCHAR(16);
ALTER TABLE ecommerce_truncate_guard ADD CONSTRAINT truncate_guard_status_transition_fk
    FOREIGN KEY (status_transition_machine, status_transition_from_status, status_transition_to_status)
    REFERENCES status_transition (machine, from_status, to_status);
