package org.ecommerce.dao.delivery;

import java.time.Instant;
import java.time.LocalDate;

import org.ecommerce.dao.customer.Address;

/**
 * The delivery of one order.
 *
 * @param orderNumber    the order delivered
 * @param trackingNumber the carrier's reference
 * @param status         where it stands
 * @param address        where it goes
 * @param expectedOn     optional expected date
 * @param deliveredAt    when it was delivered, or null
 */
public record Delivery(long orderNumber, String trackingNumber, DeliveryStatus status, Address address,
                       LocalDate expectedOn, Instant deliveredAt) {
}
