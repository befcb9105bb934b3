package org.ecommerce.dao.customer;

import java.time.LocalDate;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * What opens an account that has no password yet, e.g. for a customer moved over from another
 * shop. The customer cannot sign in until a password is set with
 * {@link CustomerRepository#setPassword(long, String)}. Registering this way computes no
 * password hash, so it is fast.
 *
 * @param email     unique by its key (NFKC and case folding, {@code org.ecommerce.schema.h2.EmailKeys}); at most 254 characters; no card number
 * @param name      at most 100 characters
 * @param birthDate optional; not in the future, nor before {@link Validation#MIN_DATE}
 * @param gender    {@link Gender#UNDISCLOSED} when null
 * @param phone     optional, at most 32 characters
 * @param address   the customer's address (also the default delivery address)
 */
public record RegisterCustomerWithoutPassword(String email, String name, LocalDate birthDate, Gender gender, String phone,
                                              Address address) {

    /** Validates every field. */
    public RegisterCustomerWithoutPassword {
        Validation.email("email", email);
        Validation.noCardNumber("email", email);
        Validation.text("name", name, 100);
        Validation.noCardNumber("name", name);
        Validation.optionalText("phone", phone, 32);
        Validation.required("address", address).validate();
        gender = gender == null ? Gender.UNDISCLOSED : gender;
        Validation.optionalDate("birthDate", birthDate);
        if (birthDate != null && birthDate.isAfter(LocalDate.now())) {
            throw new ValidationException("birthDate", "must not be in the future");
        }
    }

    /** Checks a password a customer chooses: 8 to 128 characters, valid Unicode. */
    static void checkPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw new ValidationException("password", "must be 8 to 128 characters");
        }
        Validation.optionalText("password", password, 128);
    }
}
