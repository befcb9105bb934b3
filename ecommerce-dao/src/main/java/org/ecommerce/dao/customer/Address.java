package org.ecommerce.dao.customer;

import java.util.Locale;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * A postal address.
 *
 * <p>Checked against the schema's limits where it is handed to the library ({@link #validate()}:
 * registering a customer, updating an address, placing an order or checking out a basket), not
 * when it is made: an address read back is as the database holds it, whoever wrote it, so a read
 * never fails on an address that plain SQL or an import stored.
 *
 * @param building optional building name or number
 * @param street   street and number
 * @param city     city or town
 * @param region   optional state, county or region
 * @param postcode postal code
 * @param country  ISO 3166-1 alpha-2 code, e.g. {@code "GB"}
 */
public record Address(String building, String street, String city, String region, String postcode, String country) {

    /**
     * Checks every part against the schema's limits.
     *
     * @return this address
     * @throws ValidationException naming the part ({@code address.street}, ...)
     */
    public Address validate() {
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
        return this;
    }

    /** An address without building and region; the country is upper-cased. */
    public static Address of(String street, String city, String postcode, String country) {
        return new Address(null, street, city, null, postcode, country == null ? null : country.toUpperCase(Locale.ROOT));
    }
}
