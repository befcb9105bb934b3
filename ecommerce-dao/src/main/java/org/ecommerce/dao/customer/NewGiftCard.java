package org.ecommerce.dao.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A gift card to add; its balance starts at {@code amount}.
 *
 * @param serial    the card's serial number, at most 32 characters, unique
 * @param amount    the amount it is issued with, more than 0
 * @param expiresOn optional expiry date, from {@link Validation#MIN_DATE} to {@link Validation#MAX_DATE}
 */
public record NewGiftCard(String serial, BigDecimal amount, LocalDate expiresOn) {

    /** Validates every field. */
    public NewGiftCard {
        Validation.text("serial", serial, 32);
        amount = Validation.money("amount", amount);
        if (amount.signum() == 0) {
            throw new ValidationException("amount", "must be more than 0");
        }
        Validation.optionalDate("expiresOn", expiresOn);
    }
}
