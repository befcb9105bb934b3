package org.ecommerce.dao.basket;

import static org.ecommerce.schema.jooq.Tables.BASKET;
import static org.ecommerce.schema.jooq.Tables.BASKET_LINE;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.internal.ErrorTranslator;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.internal.TransactionRunner.RetryTransaction;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.OrderRepository;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.schema.rules.Rule;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** {@link BasketRepository} on jOOQ; checkout delegates to the {@link OrderRepository} in the same transaction. */
public final class JooqBasketRepository implements BasketRepository {

    private final TransactionRunner tx;
    private final OrderRepository orders;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqBasketRepository(TransactionRunner tx, OrderRepository orders) {
        this.tx = tx;
        this.orders = orders;
    }

    @Override
    public Basket add(long customerId, long productId, int quantity) {
        Validation.positive("quantity", quantity);
        return tx.run(dsl -> {
            if (!dsl.fetchExists(PRODUCT, PRODUCT.ID.eq(productId))) {
                existingBasket(dsl, customerId); // an unknown customer is reported first
                throw new NotFoundException("product", productId);
            }
            long basket = basketOf(dsl, customerId);
            Integer current = dsl.select(BASKET_LINE.QUANTITY).from(BASKET_LINE)
                    .where(BASKET_LINE.BASKET_ID.eq(basket), BASKET_LINE.PRODUCT_ID.eq(productId))
                    .forUpdate().fetchOne(BASKET_LINE.QUANTITY);
            if (current != null && current > Integer.MAX_VALUE - quantity) {
                throw new ValidationException("quantity", "would raise the basket quantity above " + Integer.MAX_VALUE);
            }
            if (current != null) {
                dsl.update(BASKET_LINE).set(BASKET_LINE.QUANTITY, BASKET_LINE.QUANTITY.plus(quantity))
                        .where(BASKET_LINE.BASKET_ID.eq(basket), BASKET_LINE.PRODUCT_ID.eq(productId)).execute();
            } else {
                dsl.insertInto(BASKET_LINE).set(BASKET_LINE.BASKET_ID, basket).set(BASKET_LINE.PRODUCT_ID, productId)
                        .set(BASKET_LINE.QUANTITY, quantity).execute();
            }
            return read(dsl, customerId, basket);
        });
    }

    @Override
    public Basket changeQuantity(long customerId, long productId, int quantity) {
        Validation.positive("quantity", quantity);
        return tx.run(dsl -> {
            long basket = existingBasket(dsl, customerId).orElseThrow(() -> new NotFoundException("product in basket", productId));
            if (dsl.update(BASKET_LINE).set(BASKET_LINE.QUANTITY, quantity)
                    .where(BASKET_LINE.BASKET_ID.eq(basket), BASKET_LINE.PRODUCT_ID.eq(productId)).execute() == 0) {
                throw new NotFoundException("product in basket", productId);
            }
            return read(dsl, customerId, basket);
        });
    }

    @Override
    public Basket remove(long customerId, long productId) {
        return tx.run(dsl -> {
            long basket = existingBasket(dsl, customerId).orElseThrow(() -> new NotFoundException("product in basket", productId));
            if (dsl.deleteFrom(BASKET_LINE)
                    .where(BASKET_LINE.BASKET_ID.eq(basket), BASKET_LINE.PRODUCT_ID.eq(productId)).execute() == 0) {
                throw new NotFoundException("product in basket", productId);
            }
            return read(dsl, customerId, basket);
        });
    }

    @Override
    public Basket view(long customerId) {
        return tx.run(dsl -> existingBasket(dsl, customerId).map(basket -> read(dsl, customerId, basket))
                .orElseGet(() -> new Basket(customerId, List.of(), BigDecimal.ZERO.setScale(2))));
    }

    @Override
    public void clear(long customerId) {
        tx.run(dsl -> existingBasket(dsl, customerId)
                .map(basket -> dsl.deleteFrom(BASKET_LINE).where(BASKET_LINE.BASKET_ID.eq(basket)).execute()));
    }

    @Override
    public Order checkout(long customerId, Checkout checkout) {
        Validation.required("checkout", checkout);
        return tx.run(dsl -> {
            long basket = existingBasket(dsl, customerId).orElse(0L);
            List<OrderItem> items = dsl.select(BASKET_LINE.PRODUCT_ID, BASKET_LINE.QUANTITY).from(BASKET_LINE)
                    .where(BASKET_LINE.BASKET_ID.eq(basket)).orderBy(BASKET_LINE.PRODUCT_ID)
                    .forUpdate() // an add to one of these lines waits for the checkout instead of being lost
                    .fetch(r -> new OrderItem(r.get(BASKET_LINE.PRODUCT_ID), r.get(BASKET_LINE.QUANTITY)));
            // a retried checkout returns the order its key placed and leaves the basket as it is now
            // (the shopper may have filled it again since); looked up after the lines' lock, so that
            // a retry racing the first checkout waits for it and finds its order
            Optional<Order> placed = Optional.ofNullable(checkout.idempotencyKey())
                    .flatMap(key -> orders.findByIdempotencyKey(customerId, key));
            if (placed.isPresent()) {
                return placed.get();
            }
            if (items.isEmpty()) {
                throw new ValidationException("basket", "is empty");
            }
            Order order = orders.place(new PlaceOrder(customerId, checkout.paymentMethodId(), items,
                    checkout.deduction(), checkout.deliveryAddress(), checkout.idempotencyKey()));
            // only the lines ordered: a product added meanwhile (a line this checkout did not lock) stays
            dsl.deleteFrom(BASKET_LINE).where(BASKET_LINE.BASKET_ID.eq(basket),
                    BASKET_LINE.PRODUCT_ID.in(items.stream().map(OrderItem::productId).toList())).execute();
            return order;
        });
    }

    /** The customer's basket id if they have one yet; reading never creates a basket. */
    private static Optional<Long> existingBasket(DSLContext dsl, long customerId) {
        Long existing = dsl.select(BASKET.ID).from(BASKET).where(BASKET.CUSTOMER_ID.eq(customerId)).fetchOne(BASKET.ID);
        if (existing == null && !dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(customerId))) {
            throw new NotFoundException("customer", customerId);
        }
        return Optional.ofNullable(existing);
    }

    /** The customer's basket id, creating the basket on first use. */
    private static long basketOf(DSLContext dsl, long customerId) {
        Optional<Long> existing = existingBasket(dsl, customerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return dsl.insertInto(BASKET).set(BASKET.CUSTOMER_ID, customerId).returning(BASKET.ID).fetchSingle(BASKET.ID);
        } catch (DataAccessException e) {
            if (ErrorTranslator.isRule(e, Rule.BASKET_ONE_PER_CUSTOMER)) {
                throw new RetryTransaction("basket created concurrently", e); // the retry finds it
            }
            throw e;
        }
    }

    private static Basket read(DSLContext dsl, long customerId, long basket) {
        List<BasketLine> lines = dsl.select(PRODUCT.ID, PRODUCT.NAME, BASKET_LINE.QUANTITY, PRODUCT.PRICE, PRODUCT.STOCK)
                .from(BASKET_LINE).join(PRODUCT).on(PRODUCT.ID.eq(BASKET_LINE.PRODUCT_ID))
                .where(BASKET_LINE.BASKET_ID.eq(basket))
                .orderBy(PRODUCT.ID)
                .fetch(r -> {
                    int quantity = r.get(BASKET_LINE.QUANTITY);
                    BigDecimal price = r.get(PRODUCT.PRICE);
                    return new BasketLine(r.get(PRODUCT.ID), r.get(PRODUCT.NAME), quantity, price,
                            price.multiply(BigDecimal.valueOf(quantity)), r.get(PRODUCT.STOCK) >= quantity);
                });
        return new Basket(customerId, lines,
                lines.stream().map(BasketLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2));
    }
}
