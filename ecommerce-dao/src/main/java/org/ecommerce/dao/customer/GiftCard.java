package org.ecommerce.dao.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A gift card and what is left on it.
 *
 * @param id            payment method id
 * @param customerId    the owner
 * @param isDefault     whether it is the owner's default
 * @param serial        the card's serial number
 * @param initialAmount the amount it was issued with
 * @param balance       what is left (never negative)
 * @param expiresOn     optional expiry date
 */
public record GiftCard(long id, long customerId, boolean isDefault, String serial, BigDecimal initialAmount,
                       BigDecimal balance, LocalDate expiresOn) implements PaymentMethod {
}
