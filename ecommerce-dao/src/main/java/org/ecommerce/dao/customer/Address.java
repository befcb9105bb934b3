package org.ecommerce.dao.customer;

import java.util.Locale;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A postal address.
 *
 * @param building optional building name or number
 * @param street   street and number
 * @param city     city or town
 * @param region   optional state, county or region
 * @param postcode postal code
 * @param country  ISO 3166-1 alpha-2 code, e.g. {@code "GB"}
 */
public record Address(String building, String street, String city, String region, String postcode, String country) {

    /** Validates every part against the schema's limits. */
    public Address {
        Validation.optionalText("address.building", building, 100);
        Validation.text("address.street", street, 200);
        Validation.text("address.city", city, 100);
        Validation.optionalText("address.region", region, 100);
        Validation.text("address.postcode", postcode, 20);
        Validation.text("address.country", country, 2);
        Validation.noCardNumber("address.building", building);
        Validation.noCardNumber("address.street", street);
        Validation.noCardNumber("address.city", city);
        Validation.noCardNumber("address.region", region);
        Validation.noCardNumber("address.postcode", postcode);
        if (!country.matches("[A-Z]{2}")) {
            throw new ValidationException("address.country", "must be an ISO 3166-1 alpha-2 code such as GB");
        }
    }

    /** An address without building and region. */
    public static Address of(String street, String city, String postcode, String country) {
        return new Address(null, street, city, null, postcode, country.toUpperCase(Locale.ROOT));
    }
}
