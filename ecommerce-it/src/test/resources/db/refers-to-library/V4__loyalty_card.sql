-- A service table that refers to the library's customers, which live in schema shop.
CREATE TABLE loyalty_card (
    customer_id BIGINT  NOT NULL,
    points      INTEGER NOT NULL,
    CONSTRAINT loyalty_card_pk PRIMARY KEY (customer_id),
    CONSTRAINT loyalty_card_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customer (id)
);
