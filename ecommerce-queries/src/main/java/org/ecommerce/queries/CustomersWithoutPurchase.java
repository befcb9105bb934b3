package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Customers who never placed an order.
 *
 * <p>A customer with an order counts as having purchased even if everything was returned. Order:
 * by customer id (registration order), which the primary key serves without sorting, so the
 * result streams from its first row; use {@link #stream} for large customer bases.
 */
public final class CustomersWithoutPurchase extends AnalyticsQuery<CustomersWithoutPurchase.Row> {

    /**
     * A customer without orders.
     *
     * @param customerId   the customer
     * @param name         their name
     * @param email        their email
     * @param registeredAt when they opened their account
     */
    public record Row(long customerId, String name, String email, Instant registeredAt) {
    }

    private CustomersWithoutPurchase() {
    }

    /** Every customer without an order. */
    public static CustomersWithoutPurchase all() {
        return new CustomersWithoutPurchase();
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        // an anti-join on orders (customer_id, ...): one index probe per customer
        return dsl.select(CUSTOMER.ID.as("customer_id"), CUSTOMER.NAME, CUSTOMER.EMAIL, CUSTOMER.CREATED_AT)
                .from(CUSTOMER)
                .where(notExists(selectOne().from(ORDERS).where(ORDERS.CUSTOMER_ID.eq(CUSTOMER.ID))))
                .orderBy(CUSTOMER.ID);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("customer_id", Long.class), r.get("name", String.class),
                r.get("email", String.class), r.get("created_at", OffsetDateTime.class).toInstant()));
    }
}
