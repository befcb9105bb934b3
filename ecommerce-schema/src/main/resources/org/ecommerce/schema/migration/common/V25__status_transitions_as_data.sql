-- The allowed moves of the delivery and return state machines, one row each, in the one place
-- both engines' rule triggers read them (delivery_status_transition, order_return_status_transition).
-- machine is the table whose status moves. Keeping a status is no move. The triggers fire AFTER the
-- row's CHECKs, so an unknown status is refused by delivery_status_known or order_return_status_known.
-- The application role may read the moves but not change them (ApplicationGrants).
CREATE TABLE status_transition (
    machine      VARCHAR(32) NOT NULL,
    from_status  VARCHAR(16) NOT NULL,
    to_status    VARCHAR(16) NOT NULL,
    CONSTRAINT status_transition_pk PRIMARY KEY (machine, from_status, to_status)
);

INSERT INTO status_transition (machine, from_status, to_status) VALUES
    ('delivery', 'pending', 'postponed'),
    ('delivery', 'pending', 'delivered'),
    ('delivery', 'pending', 'cancelled'),
    ('delivery', 'postponed', 'pending'),
    ('delivery', 'postponed', 'delivered'),
    ('delivery', 'postponed', 'cancelled'),
    ('order_return', 'pending', 'denied'),
    ('order_return', 'pending', 'completed'),
    ('order_return', 'pending', 'cancelled');
