package org.ecommerce.dao.delivery;

import java.time.Instant;
import java.time.LocalDate;

import org.ecommerce.dao.customer.Address;

/**
 * The delivery of one order.
 *
 * @param orderId        the order delivered (its id)
 * @param trackingNumber the carrier's reference
 * @param status         where it stands
 * @param address        where it goes
 * @param expectedOn     optional expected date
 * @param deliveredAt    when it was delivered, or null
 */
public record Delivery(long orderId, String trackingNumber, DeliveryStatus status, Address address,
                       LocalDate expectedOn, Instant deliveredAt) {
}
