package org.ecommerce.dao.order;

import java.util.Optional;

import org.ecommerce.dao.CommitOutcomeUnknownException;
import org.ecommerce.dao.InsufficientBalanceException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.Page;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.ValidationException;

/**
 * Placing and looking up orders.
 */
public interface OrderRepository {

    /**
     * Places an order in one transaction: checks and takes the stock of every line (never
     * overselling, whatever the concurrency), records the current unit prices, computes total,
     * deduction and grand total, debits a gift card, creates the delivery, and records a purchase
     * interaction per line.
     *
     * <p>With an idempotency key, a retry of the same request (even one racing the first) returns
     * the order the first one placed, and places nothing. A request with other items, payment
     * method or deduction under a key already used is refused.
     *
     * @throws NotFoundException             if the customer, the payment method (of this customer) or a product does not exist
     * @throws OutOfStockException           if a product has fewer units than asked
     * @throws InsufficientBalanceException  if the gift card does not cover the grand total
     * @throws ValidationException           if the deduction exceeds the total or the payment method has expired, or
     *                                       (field {@code idempotencyKey}) the key placed an order for another request
     * @throws CommitOutcomeUnknownException if the connection was lost during the commit: the order may
     *                                       or may not be placed; retry with the same key
     * @throws TransientDataAccessException  if the connection was lost before the commit, or none could be had
     *                                       ({@link org.ecommerce.dao.ConnectionUnavailableException}); retry with the same key
     */
    Order place(PlaceOrder order);

    /**
     * The order with its lines.
     *
     * @throws NotFoundException if there is no such order
     */
    Order get(long orderId);

    /** The order, if it exists. */
    Optional<Order> find(long orderId);

    /**
     * The order with the number its customer was told ({@link Order#number()}), if it exists. A
     * number that named an order lost in a failover names no order afterwards.
     */
    Optional<Order> findByNumber(String number);

    /** The order the customer placed with this idempotency key, if any. */
    Optional<Order> findByIdempotencyKey(long customerId, String idempotencyKey);

    /**
     * The customer's orders, newest first.
     *
     * @throws NotFoundException if there is no such customer
     */
    Page<Order> byCustomer(long customerId, PageRequest page);
}
