-- TRUNCATE TABLE needs only the DELETE right on H2, and it skips the DELETE triggers and the rules
-- they hold (an application role could empty order_line under its orders). H2 refuses to truncate
-- a table that a foreign key references, whoever asks: this table, kept empty by its CHECK,
-- references every table of the library. No one is granted any right on it.
-- A migration that adds a table adds a reference here; one that drops a table drops its reference.
-- Deletes and updates of the referenced rows look it up through its (empty) indexes only.
CREATE TABLE ecommerce_truncate_guard (
    basket_id                            BIGINT,
    basket_line_basket_id                BIGINT,
    basket_line_product_id               BIGINT,
    brand_id                             BIGINT,
    category_id                          BIGINT,
    credit_card_payment_method_id        BIGINT,
    customer_id                          BIGINT,
    delivery_id                          BIGINT,
    gift_card_payment_method_id          BIGINT,
    interaction_id                       BIGINT,
    interaction_type_id                  SMALLINT,
    order_line_order_id                  BIGINT,
    order_line_product_id                BIGINT,
    order_return_id                      BIGINT,
    orders_id                            BIGINT,
    payment_method_id                    BIGINT,
    product_id                           BIGINT,
    product_popularity_product_id        BIGINT,
    product_similarity_product_id        BIGINT,
    product_similarity_similar_id        BIGINT,
    recommendation_score_customer_id     BIGINT,
    recommendation_score_product_id      BIGINT,
    recommendation_setting_id            SMALLINT,
    return_line_return_id                BIGINT,
    return_line_product_id               BIGINT,
    review_id                            BIGINT,
    CONSTRAINT ecommerce_truncate_guard_stays_empty CHECK (FALSE),
    CONSTRAINT truncate_guard_basket_fk FOREIGN KEY (basket_id) REFERENCES basket (id),
    CONSTRAINT truncate_guard_basket_line_fk FOREIGN KEY (basket_line_basket_id, basket_line_product_id)
        REFERENCES basket_line (basket_id, product_id),
    CONSTRAINT truncate_guard_brand_fk FOREIGN KEY (brand_id) REFERENCES brand (id),
    CONSTRAINT truncate_guard_category_fk FOREIGN KEY (category_id) REFERENCES category (id),
    CONSTRAINT truncate_guard_credit_card_fk FOREIGN KEY (credit_card_payment_method_id)
        REFERENCES credit_card (payment_method_id),
    CONSTRAINT truncate_guard_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT truncate_guard_delivery_fk FOREIGN KEY (delivery_id) REFERENCES delivery (id),
    CONSTRAINT truncate_guard_gift_card_fk FOREIGN KEY (gift_card_payment_method_id)
        REFERENCES gift_card (payment_method_id),
    CONSTRAINT truncate_guard_interaction_fk FOREIGN KEY (interaction_id) REFERENCES interaction (id),
    CONSTRAINT truncate_guard_interaction_type_fk FOREIGN KEY (interaction_type_id) REFERENCES interaction_type (id),
    CONSTRAINT truncate_guard_order_line_fk FOREIGN KEY (order_line_order_id, order_line_product_id)
        REFERENCES order_line (order_id, product_id),
    CONSTRAINT truncate_guard_order_return_fk FOREIGN KEY (order_return_id) REFERENCES order_return (id),
    CONSTRAINT truncate_guard_orders_fk FOREIGN KEY (orders_id) REFERENCES orders (id),
    CONSTRAINT truncate_guard_payment_method_fk FOREIGN KEY (payment_method_id) REFERENCES payment_method (id),
    CONSTRAINT truncate_guard_product_fk FOREIGN KEY (product_id) REFERENCES product (id),
    CONSTRAINT truncate_guard_product_popularity_fk FOREIGN KEY (product_popularity_product_id)
        REFERENCES product_popularity (product_id),
    CONSTRAINT truncate_guard_product_similarity_fk FOREIGN KEY (product_similarity_product_id, product_similarity_similar_id)
        REFERENCES product_similarity (product_id, similar_id),
    CONSTRAINT truncate_guard_recommendation_score_fk
        FOREIGN KEY (recommendation_score_customer_id, recommendation_score_product_id)
        REFERENCES recommendation_score (customer_id, product_id),
    CONSTRAINT truncate_guard_recommendation_setting_fk FOREIGN KEY (recommendation_setting_id)
        REFERENCES recommendation_setting (id),
    CONSTRAINT truncate_guard_return_line_fk FOREIGN KEY (return_line_return_id, return_line_product_id)
        REFERENCES return_line (return_id, product_id),
    CONSTRAINT truncate_guard_review_fk FOREIGN KEY (review_id) REFERENCES review (id)
);
