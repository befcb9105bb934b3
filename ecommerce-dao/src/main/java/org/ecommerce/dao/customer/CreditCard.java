package org.ecommerce.dao.customer;

import java.time.YearMonth;

/**
 * A credit card as the shop knows it: the processor's token stands for the card; the full number
 * and the CVV are never stored.
 *
 * @param id             payment method id
 * @param customerId     the owner
 * @param isDefault      whether it is the owner's default
 * @param brand          e.g. {@code "visa"}
 * @param holderName     name on the card
 * @param lastFour       the last four digits, for display
 * @param expires        expiry month
 * @param processorToken the payment processor's token for the card
 */
public record CreditCard(long id, long customerId, boolean isDefault, String brand, String holderName,
                         String lastFour, YearMonth expires, String processorToken) implements PaymentMethod {

    /** The card without its processor token, which charges the card and stays out of logs. */
    @Override
    public String toString() {
        return "CreditCard[id=" + id + ", customerId=" + customerId + ", isDefault=" + isDefault + ", brand=" + brand
                + ", holderName=" + holderName + ", lastFour=" + lastFour + ", expires=" + expires
                + ", processorToken=(hidden)]";
    }
}
