package org.ecommerce.dao.customer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A registered customer. Holds no password, not even its hash.
 *
 * @param id        the customer's id
 * @param email     as registered (letter case preserved)
 * @param name      display name
 * @param birthDate optional
 * @param gender    as stated
 * @param phone     optional
 * @param address   postal address
 * @param createdAt when the account was opened
 */
public record Customer(long id, String email, String name, LocalDate birthDate, Gender gender, String phone,
                       Address address, Instant createdAt) {
}
