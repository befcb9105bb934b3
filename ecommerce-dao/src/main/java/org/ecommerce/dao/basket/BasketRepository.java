package org.ecommerce.dao.basket;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.order.Order;

/**
 * Each customer's one open basket. Every method is one transaction and returns the basket as it
 * is afterwards, at current prices.
 */
public interface BasketRepository {

    /**
     * Adds units of a product (to those already in the basket).
     *
     * @throws NotFoundException if the customer or the product does not exist
     */
    Basket add(long customerId, long productId, int quantity);

    /**
     * Sets the quantity of a product already in the basket.
     *
     * @throws NotFoundException if the customer does not exist or the product is not in the basket
     */
    Basket changeQuantity(long customerId, long productId, int quantity);

    /**
     * Takes a product out of the basket.
     *
     * @throws NotFoundException if the customer does not exist or the product is not in the basket
     */
    Basket remove(long customerId, long productId);

    /**
     * The basket at current prices (empty if the customer never added anything).
     *
     * @throws NotFoundException if the customer does not exist
     */
    Basket view(long customerId);

    /**
     * Empties the basket.
     *
     * @throws NotFoundException if the customer does not exist
     */
    void clear(long customerId);

    /**
     * Turns the basket into an order (see {@code OrderRepository.place}) and takes the ordered lines
     * out of it, in one transaction: if the order is refused, the basket stays as it was. A product
     * added while the checkout runs stays in the basket for the next one. A checkout retried with
     * the idempotency key of an order already placed returns that order and leaves the basket as it
     * is now.
     *
     * @throws ValidationException with field {@code basket} if the basket is empty
     */
    Order checkout(long customerId, Checkout checkout);
}
