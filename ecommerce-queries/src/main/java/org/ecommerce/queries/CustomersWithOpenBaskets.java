package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.BASKET;
import static org.ecommerce.schema.jooq.Tables.BASKET_LINE;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * Customers with something in their basket, with their birthday and gift-card
 * balance (say, for a birthday reminder with a nudge to spend the balance).
 *
 * <p>Customers with an empty basket are not listed. The gift-card balance is the sum over the
 * customer's gift cards that are not removed (zero when they have none); the basket is shown at
 * current prices. Order: customers by id, items by product id.
 */
public final class CustomersWithOpenBaskets extends AnalyticsQuery<CustomersWithOpenBaskets.Row> {

    /**
     * A customer and their open basket.
     *
     * @param customerId      the customer
     * @param name            their name
     * @param email           their email
     * @param birthDate       their birthday, or null if they did not give it
     * @param giftCardBalance the balance left on their gift cards, scale 2 (zero if none)
     * @param items           what is in the basket, by product id; never empty
     */
    public record Row(long customerId, String name, String email, LocalDate birthDate, BigDecimal giftCardBalance,
                      List<Item> items) {

        /** Makes the list immutable. */
        public Row {
            items = List.copyOf(items);
        }
    }

    /**
     * One product in a basket.
     *
     * @param productId   the product
     * @param productName its name
     * @param quantity    units in the basket
     * @param unitPrice   the product's current price, scale 2
     * @param lineTotal   quantity × unit price, scale 2
     */
    public record Item(long productId, String productName, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    private CustomersWithOpenBaskets() {
    }

    /** Every customer whose basket is not empty. */
    public static CustomersWithOpenBaskets all() {
        return new CustomersWithOpenBaskets();
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        Field<BigDecimal> giftCardBalance = field(select(sum(GIFT_CARD.BALANCE))
                .from(PAYMENT_METHOD)
                .join(GIFT_CARD).on(GIFT_CARD.PAYMENT_METHOD_ID.eq(PAYMENT_METHOD.ID))
                .where(PAYMENT_METHOD.CUSTOMER_ID.eq(CUSTOMER.ID), PAYMENT_METHOD.REMOVED_AT.isNull()));
        return dsl.select(CUSTOMER.ID.as("customer_id"), CUSTOMER.NAME, CUSTOMER.EMAIL, CUSTOMER.BIRTH_DATE,
                        giftCardBalance.as("gift_card_balance"), BASKET_LINE.PRODUCT_ID, PRODUCT.NAME.as("product_name"),
                        BASKET_LINE.QUANTITY, PRODUCT.PRICE)
                .from(BASKET)
                .join(BASKET_LINE).on(BASKET_LINE.BASKET_ID.eq(BASKET.ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(BASKET.CUSTOMER_ID))
                .join(PRODUCT).on(PRODUCT.ID.eq(BASKET_LINE.PRODUCT_ID))
                .orderBy(CUSTOMER.ID, BASKET_LINE.PRODUCT_ID);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return Consecutive.groups(records, r -> r.get("customer_id", Long.class)).map(CustomersWithOpenBaskets::customer);
    }

    private static Row customer(List<? extends Record> records) {
        List<Item> items = new ArrayList<>(records.size());
        for (Record r : records) {
            BigDecimal price = Money.of(r.get("price", BigDecimal.class));
            int quantity = r.get("quantity", Integer.class);
            items.add(new Item(r.get("product_id", Long.class), r.get("product_name", String.class), quantity, price,
                    price.multiply(BigDecimal.valueOf(quantity))));
        }
        Record first = records.get(0);
        return new Row(first.get("customer_id", Long.class), first.get("name", String.class),
                first.get("email", String.class), first.get("birth_date", LocalDate.class),
                Money.of(first.get("gift_card_balance", BigDecimal.class)), items);
    }
}
