package org.ecommerce.dao.delivery;

import java.time.LocalDate;

import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * Deliveries, one per order, created when the order is placed.
 */
public interface DeliveryRepository {

    /**
     * The delivery of an order.
     *
     * @throws NotFoundException if there is no such order
     */
    Delivery forOrder(long orderId);

    /**
     * Moves the delivery to {@code status}; moving to its current status changes nothing.
     *
     * @throws NotFoundException                 if there is no such order
     * @throws InvalidStatusTransitionException  if the move is not allowed (see {@link DeliveryStatus})
     */
    Delivery moveTo(long orderId, DeliveryStatus status);

    /**
     * Sets the expected delivery date.
     *
     * @throws ValidationException if the date is missing or outside {@link Validation#MIN_DATE} to {@link Validation#MAX_DATE}
     * @throws NotFoundException if there is no such order
     */
    Delivery expectOn(long orderId, LocalDate date);
}
