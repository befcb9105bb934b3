package org.ecommerce.dao.customer;

import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PasswordNotSetException;
import org.ecommerce.dao.ValidationException;

/**
 * Customer accounts and their payment methods. Every method is one transaction.
 */
public interface CustomerRepository {

    /**
     * Opens an account; the password is stored only as an Argon2id hash.
     *
     * @throws DuplicateException with field {@code email} if the email is taken, whatever its case
     */
    Customer register(RegisterCustomer registration);

    /**
     * Opens an account that has no password yet: the customer cannot sign in until
     * {@link #setPassword} gives them one.
     *
     * @throws DuplicateException with field {@code email} if the email is taken, whatever its case
     */
    Customer registerWithoutPassword(RegisterCustomerWithoutPassword registration);

    /**
     * Opens many accounts that have no password yet, all in one transaction (the caller's, if there
     * is one), a thousand rows per INSERT: for moving customers over from another system, at a
     * small fraction of the cost of one {@link #registerWithoutPassword} each. Either every account
     * is opened or none. For more customers than a list should hold, call it once per batch inside
     * one {@code inTransaction} (or one transaction per batch).
     *
     * @return the customers with their ids, in the order of {@code registrations}
     * @throws ValidationException with field {@code registrations} if it is null, or
     *                             {@code registrations[i]} if its i-th element is
     * @throws DuplicateException  with field {@code email} if an email is taken or given twice, whatever its case
     */
    List<Customer> registerAllWithoutPassword(List<RegisterCustomerWithoutPassword> registrations);

    /**
     * Sets (or replaces) the customer's password; it is stored only as an Argon2id hash.
     *
     * @throws ValidationException with field {@code password} unless it has 8 to 128 characters
     * @throws NotFoundException   if there is no such customer
     */
    void setPassword(long customerId, String password);

    /**
     * The customer whose email (any letter case) and password match; empty otherwise. Takes about
     * the same time whether or not the email exists.
     *
     * @throws PasswordNotSetException if the email's customer has no password yet (after the same
     *                                 one hash check, whatever the password given); a service that
     *                                 must not tell which emails have accounts answers it as a failed sign-in
     */
    Optional<Customer> authenticate(String email, CharSequence password);

    /**
     * The customer.
     *
     * @throws NotFoundException if there is no such customer
     */
    Customer get(long customerId);

    /** The customer with this email, whatever its letter case or Unicode form (its email key). */
    Optional<Customer> findByEmail(String email);

    /**
     * Replaces the customer's profile fields.
     *
     * @throws NotFoundException if there is no such customer
     */
    Customer updateProfile(long customerId, UpdateProfile profile);

    /**
     * Replaces the customer's address (future orders are delivered there by default).
     *
     * @throws ValidationException naming the part of the address that is out of the schema's limits
     * @throws NotFoundException if there is no such customer
     */
    Customer updateAddress(long customerId, Address address);

    /**
     * Adds a credit card; the customer's first payment method becomes the default.
     *
     * @throws NotFoundException  if there is no such customer
     * @throws DuplicateException with field {@code processorToken} if the token is already on file
     */
    CreditCard addCreditCard(long customerId, NewCreditCard card);

    /**
     * Adds a gift card; the customer's first payment method becomes the default.
     *
     * @throws NotFoundException  if there is no such customer
     * @throws DuplicateException with field {@code serial} if the serial is already on file
     */
    GiftCard addGiftCard(long customerId, NewGiftCard card);

    /**
     * Removes a payment method from the customer's choices (orders paid with it keep their record).
     * If it was the default, the most recently added remaining method becomes the default.
     *
     * @throws NotFoundException if the customer has no such (unremoved) payment method
     */
    void removePaymentMethod(long customerId, long paymentMethodId);

    /**
     * Makes one payment method the customer's default, and no other.
     *
     * @throws NotFoundException if the customer has no such (unremoved) payment method
     */
    void chooseDefault(long customerId, long paymentMethodId);

    /**
     * The customer's payment methods that are not removed, oldest first.
     *
     * @throws NotFoundException if there is no such customer
     */
    List<PaymentMethod> paymentMethods(long customerId);
}
