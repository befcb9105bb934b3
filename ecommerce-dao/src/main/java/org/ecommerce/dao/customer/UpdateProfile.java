package org.ecommerce.dao.customer;

import java.time.LocalDate;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * The profile fields a customer may change.
 *
 * @param name      at most 100 characters
 * @param birthDate optional; not in the future, nor before {@link Validation#MIN_DATE}
 * @param gender    {@link Gender#UNDISCLOSED} when null
 * @param phone     optional, at most 32 characters
 */
public record UpdateProfile(String name, LocalDate birthDate, Gender gender, String phone) {

    /** Validates every field. */
    public UpdateProfile {
        Validation.text("name", name, 100);
        Validation.noCardNumber("name", name);
        Validation.optionalText("phone", phone, 32);
        gender = gender == null ? Gender.UNDISCLOSED : gender;
        Validation.optionalDate("birthDate", birthDate);
        if (birthDate != null && birthDate.isAfter(LocalDate.now())) {
            throw new ValidationException("birthDate", "must not be in the future");
        }
    }
}
