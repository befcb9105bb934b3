package org.ecommerce.bench;

import java.util.Collections;

import org.ecommerce.schema.Engine;

/**
 * The SQL texts the library's {@code JooqOrderRepository.place} sends, per engine, copied from
 * what jOOQ renders (jOOQ adds casts on H2 and renders INSERT ... RETURNING there as a data change
 * delta table). {@link Benchmarks} checks before every run, with a {@link StatementRecorder}, that
 * the texts still match the library's: if jOOQ or the repository changes, the run stops.
 */
record OrderStatements(String findByKey, String payer, String pricesPrefix, String idParameter, String insertOrder,
                       String linesPrefix, String updateDeduction, String debitGiftCard, String insertDelivery,
                       String interactionsPrefix, String interactionRow) {

    static OrderStatements of(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> new OrderStatements(
                    "select orders.id, orders.customer_id, orders.payment_method_id, orders.placed_at, orders.total,"
                            + " orders.deduction, orders.grand_total, orders.idempotency_key, orders.number from orders"
                            + " where (orders.customer_id = ? and orders.idempotency_key = ?)",
                    "select customer.address_building, customer.address_street, customer.address_city,"
                            + " customer.address_region, customer.address_postcode, customer.address_country,"
                            + " payment_method.id, payment_method.kind, payment_method.removed_at,"
                            + " payment_method.expires_on from customer left outer join payment_method"
                            + " on (payment_method.id = ? and payment_method.customer_id = customer.id)"
                            + " where customer.id = ?",
                    "select product.id, product.price from product where product.id in ",
                    "?",
                    "insert into orders (customer_id, payment_method_id, idempotency_key) values (?, ?, ?)"
                            + " returning orders.id, orders.placed_at, orders.number",
                    "insert into order_line (order_id, product_id, quantity, unit_price, subtotal) values ",
                    "update orders set deduction = ?, grand_total = ? where orders.id = ?",
                    "update gift_card set balance = (gift_card.balance - ?)"
                            + " where (gift_card.payment_method_id = ? and gift_card.balance >= ?)",
                    INSERT_DELIVERY,
                    INSERT_INTERACTIONS,
                    "(?, ?, (select interaction_type.id from interaction_type where interaction_type.name = ?),"
                            + " cast(? as timestamp(6) with time zone))");
            case H2 -> new OrderStatements(
                    "select orders.id, orders.customer_id, orders.payment_method_id, orders.placed_at, orders.total,"
                            + " orders.deduction, orders.grand_total, orders.idempotency_key, orders.number from orders"
                            + " where (orders.customer_id = cast(? as bigint)"
                            + " and orders.idempotency_key = cast(? as varchar(100)))",
                    "select customer.address_building, customer.address_street, customer.address_city,"
                            + " customer.address_region, customer.address_postcode, customer.address_country,"
                            + " payment_method.id, payment_method.kind, payment_method.removed_at,"
                            + " payment_method.expires_on from customer left outer join payment_method"
                            + " on (payment_method.id = cast(? as bigint) and payment_method.customer_id = customer.id)"
                            + " where customer.id = cast(? as bigint)",
                    "select product.id, product.price from product where product.id in ",
                    "cast(? as bigint)",
                    "select id, placed_at, number from final table"
                            + " (insert into orders (customer_id, payment_method_id, idempotency_key) values (?, ?, ?))"
                            + " orders",
                    "insert into order_line (order_id, product_id, quantity, unit_price, subtotal) values ",
                    "update orders set orders.deduction = ?, orders.grand_total = ? where orders.id = cast(? as bigint)",
                    // jOOQ sizes the numeric casts after the bound value; never reached by the benchmark workload
                    "update gift_card set gift_card.balance = (gift_card.balance - cast(? as numeric(12, 2)))"
                            + " where (gift_card.payment_method_id = cast(? as bigint)"
                            + " and gift_card.balance >= cast(? as decimal(12, 2)))",
                    INSERT_DELIVERY,
                    INSERT_INTERACTIONS,
                    "(?, ?, (select interaction_type.id from interaction_type"
                            + " where interaction_type.name = cast(? as varchar(32))), ?)");
        };
    }

    private static final String INSERT_DELIVERY = "insert into delivery (order_id, tracking_number, address_building,"
            + " address_street, address_city, address_region, address_postcode, address_country)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_INTERACTIONS =
            "insert into interaction (customer_id, product_id, type_id, occurred_at) values ";

    /** The price lookup for {@code products} products. */
    String prices(int products) {
        return pricesPrefix + "(" + String.join(", ", Collections.nCopies(products, idParameter)) + ")";
    }

    /** The multi-row insert of {@code lines} order lines. */
    String insertLines(int lines) {
        return linesPrefix + String.join(", ", Collections.nCopies(lines, "(?, ?, ?, ?, ?)"));
    }

    /** The multi-row insert of {@code lines} purchase interactions. */
    String insertInteractions(int lines) {
        return interactionsPrefix + String.join(", ", Collections.nCopies(lines, interactionRow));
    }
}
