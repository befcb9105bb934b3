package org.ecommerce.dao.returns;

import java.util.List;

import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.ReturnExceedsPurchaseException;

/**
 * Returns of ordered goods.
 */
public interface ReturnRepository {

    /**
     * Opens a pending return.
     *
     * @throws NotFoundException               if the order does not exist or does not contain a product
     * @throws ReturnExceedsPurchaseException  if a product would be returned more often than bought
     *                                         (pending and completed returns count)
     */
    OrderReturn open(OpenReturn request);

    /**
     * Completes a pending return: the database puts the units back in stock, and when the order was
     * paid by gift card the refund total goes back on the card.
     *
     * @throws NotFoundException                if there is no such return
     * @throws InvalidStatusTransitionException if it is not pending
     */
    OrderReturn complete(long returnId);

    /**
     * Refuses a pending return.
     *
     * @throws NotFoundException                if there is no such return
     * @throws InvalidStatusTransitionException if it is not pending
     */
    OrderReturn deny(long returnId);

    /**
     * Withdraws a pending return.
     *
     * @throws NotFoundException                if there is no such return
     * @throws InvalidStatusTransitionException if it is not pending
     */
    OrderReturn cancel(long returnId);

    /**
     * The return with its lines and refund total.
     *
     * @throws NotFoundException if there is no such return
     */
    OrderReturn get(long returnId);

    /**
     * The order's returns, oldest first.
     *
     * @throws NotFoundException if there is no such order
     */
    List<OrderReturn> forOrder(long orderId);
}
