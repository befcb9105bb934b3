package org.ecommerce.dao.customer;

import java.time.YearMonth;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A credit card to add. There is deliberately no field for the card number or the CVV: the payment
 * processor keeps those and hands back a token.
 *
 * @param brand          e.g. {@code "visa"}, at most 20 characters
 * @param holderName     at most 100 characters
 * @param lastFour       exactly four digits
 * @param expires        expiry month
 * @param processorToken the processor's token, at most 255 characters, unique
 */
public record NewCreditCard(String brand, String holderName, String lastFour, YearMonth expires,
                            String processorToken) {

    /** Validates every field. */
    public NewCreditCard {
        Validation.text("brand", brand, 20);
        Validation.text("holderName", holderName, 100);
        Validation.required("lastFour", lastFour);
        if (!lastFour.matches("[0-9]{4}")) {
            throw new ValidationException("lastFour", "must be exactly four digits");
        }
        Validation.required("expires", expires);
        // stored as the month's last day
        Validation.optionalDate("expires", expires.atEndOfMonth());
        Validation.text("processorToken", processorToken, 255);
        Validation.noCardNumber("brand", brand);
        Validation.noCardNumber("holderName", holderName);
        Validation.noCardNumber("processorToken", processorToken);
    }
}
