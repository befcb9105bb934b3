package org.ecommerce.dao.customer;

import java.time.LocalDate;

import org.ecommerce.dao.Validation;

/**
 * What a new customer gives to open an account. The password is hashed before it is stored and
 * never appears in {@link #toString()}. An account without a password yet is opened with
 * {@link RegisterCustomerWithoutPassword}.
 *
 * @param email     unique by its key (NFKC and case folding, {@code org.ecommerce.schema.h2.EmailKeys}); at most 254 characters; no card number
 * @param name      at most 100 characters
 * @param birthDate optional; not in the future, nor before {@link Validation#MIN_DATE}
 * @param gender    {@link Gender#UNDISCLOSED} when null
 * @param phone     optional, at most 32 characters
 * @param address   the customer's address (also the default delivery address)
 * @param password  8 to 128 characters
 */
public record RegisterCustomer(String email, String name, LocalDate birthDate, Gender gender, String phone,
                               Address address, String password) {

    /** Validates every field. */
    public RegisterCustomer {
        RegisterCustomerWithoutPassword details =
                new RegisterCustomerWithoutPassword(email, name, birthDate, gender, phone, address);
        gender = details.gender();
        RegisterCustomerWithoutPassword.checkPassword(password);
    }

    /** The account's fields other than the password. */
    RegisterCustomerWithoutPassword withoutPassword() {
        return new RegisterCustomerWithoutPassword(email, name, birthDate, gender, phone, address);
    }

    @Override
    public String toString() {
        return "RegisterCustomer[email=" + email + ", name=" + name + ", password=<redacted>]";
    }
}
