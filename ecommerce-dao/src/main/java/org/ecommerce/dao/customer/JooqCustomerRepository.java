package org.ecommerce.dao.customer;

import static org.ecommerce.schema.jooq.Sequences.PAYMENT_METHOD_ID_SEQ;
import static org.ecommerce.schema.jooq.Tables.CREDIT_CARD;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PasswordHasher;
import org.ecommerce.dao.PasswordNotSetException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.internal.MultiRowInsert;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.h2.EmailKeys;
import org.ecommerce.schema.jooq.tables.records.CustomerRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link CustomerRepository} on jOOQ. */
public final class JooqCustomerRepository implements CustomerRepository {

    private static final String CREDIT = "credit_card";
    private static final String GIFT = "gift_card";

    private final TransactionRunner tx;
    private final PasswordHasher hasher;
    // verified against when the email is unknown, so that both outcomes cost one hash check
    private final String decoyHash;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqCustomerRepository(TransactionRunner tx, PasswordHasher hasher) {
        this.tx = tx;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy password for unknown emails");
    }

    @Override
    public Customer register(RegisterCustomer r) {
        Validation.required("registration", r);
        String hash = hasher.hash(r.password()); // slow on purpose: done before taking a connection
        return insert(r.withoutPassword(), hash);
    }

    @Override
    public Customer registerWithoutPassword(RegisterCustomerWithoutPassword r) {
        Validation.required("registration", r);
        return insert(r, null);
    }

    private Customer insert(RegisterCustomerWithoutPassword r, String hash) {
        return tx.run(dsl -> toCustomer(dsl.insertInto(CUSTOMER).set(newRow(dsl, r, hash)).returning().fetchSingle()));
    }

    @Override
    public List<Customer> registerAllWithoutPassword(List<RegisterCustomerWithoutPassword> registrations) {
        List<RegisterCustomerWithoutPassword> given = Validation.requiredEach("registrations", registrations);
        return tx.run(dsl -> MultiRowInsert.insert(dsl, CUSTOMER, CUSTOMER.ID,
                given.stream().map(r -> newRow(dsl, r, null)).toList(), JooqCustomerRepository::toCustomer));
    }

    private static CustomerRecord newRow(DSLContext dsl, RegisterCustomerWithoutPassword r, String hash) {
        CustomerRecord row = dsl.newRecord(CUSTOMER);
        row.setEmail(r.email());
        row.setName(r.name());
        row.setBirthDate(r.birthDate());
        row.setGender(r.gender().dbValue());
        row.setPhone(r.phone());
        setAddress(row, r.address());
        row.setPasswordHash(hash);
        return row;
    }

    @Override
    public void setPassword(long customerId, String password) {
        RegisterCustomerWithoutPassword.checkPassword(password);
        String hash = hasher.hash(password); // slow on purpose: done before taking a connection
        tx.run(dsl -> {
            int updated = dsl.update(CUSTOMER).set(CUSTOMER.PASSWORD_HASH, hash)
                    .where(CUSTOMER.ID.eq(customerId)).execute();
            if (updated == 0) {
                throw new NotFoundException("customer", customerId);
            }
            return null;
        });
    }

    @Override
    public Optional<Customer> authenticate(String email, CharSequence password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        Optional<CustomerRecord> row = tx.run(dsl -> dsl.selectFrom(CUSTOMER)
                .where(sameAccount(email)).fetchOptional());
        String hash = row.map(CustomerRecord::getPasswordHash).orElse(null);
        // one hash check on every path, so that the time taken tells nothing about the account
        boolean matches = hasher.matches(password, hash == null ? decoyHash : hash);
        if (row.isPresent() && hash == null) {
            throw new PasswordNotSetException(row.get().getId());
        }
        return row.filter(r -> matches).map(JooqCustomerRepository::toCustomer);
    }

    @Override
    public Customer get(long customerId) {
        return tx.run(dsl -> toCustomer(customerRow(dsl, customerId)));
    }

    @Override
    public Optional<Customer> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return tx.run(dsl -> dsl.selectFrom(CUSTOMER).where(sameAccount(email))
                .fetchOptional(JooqCustomerRepository::toCustomer));
    }

    @Override
    public Customer updateProfile(long customerId, UpdateProfile p) {
        Validation.required("profile", p);
        return tx.run(dsl -> {
            CustomerRecord row = customerRow(dsl, customerId);
            row.setName(p.name());
            row.setBirthDate(p.birthDate());
            row.setGender(p.gender().dbValue());
            row.setPhone(p.phone());
            row.update();
            return toCustomer(row);
        });
    }

    @Override
    public Customer updateAddress(long customerId, Address address) {
        Validation.required("address", address).validate();
        return tx.run(dsl -> {
            CustomerRecord row = customerRow(dsl, customerId);
            setAddress(row, address);
            row.update();
            return toCustomer(row);
        });
    }

    @Override
    public CreditCard addCreditCard(long customerId, NewCreditCard card) {
        Validation.required("card", card);
        return tx.run(dsl -> {
            boolean first = lockCustomerAndCountMethods(dsl, customerId) == 0;
            // the card row first: its payment method refers to it
            long id = dsl.insertInto(CREDIT_CARD)
                    .set(CREDIT_CARD.PAYMENT_METHOD_ID, PAYMENT_METHOD_ID_SEQ.nextval())
                    .set(CREDIT_CARD.BRAND, card.brand())
                    .set(CREDIT_CARD.HOLDER_NAME, card.holderName())
                    .set(CREDIT_CARD.LAST_FOUR, card.lastFour())
                    .set(CREDIT_CARD.PROCESSOR_TOKEN, card.processorToken())
                    .returning(CREDIT_CARD.PAYMENT_METHOD_ID)
                    .fetchSingle(CREDIT_CARD.PAYMENT_METHOD_ID);
            insertMethod(dsl, id, customerId, CREDIT, first, card.expires().atEndOfMonth());
            return new CreditCard(id, customerId, first, card.brand(), card.holderName(), card.lastFour(),
                    card.expires(), card.processorToken());
        });
    }

    @Override
    public GiftCard addGiftCard(long customerId, NewGiftCard card) {
        Validation.required("card", card);
        return tx.run(dsl -> {
            boolean first = lockCustomerAndCountMethods(dsl, customerId) == 0;
            long id = dsl.insertInto(GIFT_CARD)
                    .set(GIFT_CARD.PAYMENT_METHOD_ID, PAYMENT_METHOD_ID_SEQ.nextval())
                    .set(GIFT_CARD.SERIAL, card.serial())
                    .set(GIFT_CARD.INITIAL_AMOUNT, card.amount())
                    .set(GIFT_CARD.BALANCE, card.amount())
                    .returning(GIFT_CARD.PAYMENT_METHOD_ID)
                    .fetchSingle(GIFT_CARD.PAYMENT_METHOD_ID);
            insertMethod(dsl, id, customerId, GIFT, first, card.expiresOn());
            return new GiftCard(id, customerId, first, card.serial(), card.amount(), card.amount(), card.expiresOn());
        });
    }

    @Override
    public void removePaymentMethod(long customerId, long paymentMethodId) {
        tx.run(dsl -> {
            lockCustomerAndCountMethods(dsl, customerId);
            boolean wasDefault = activeMethod(dsl, customerId, paymentMethodId).get(PAYMENT_METHOD.IS_DEFAULT);
            dsl.update(PAYMENT_METHOD)
                    .set(PAYMENT_METHOD.REMOVED_AT, currentOffsetDateTime())
                    .set(PAYMENT_METHOD.IS_DEFAULT, false)
                    .where(PAYMENT_METHOD.ID.eq(paymentMethodId))
                    .execute();
            if (wasDefault) {
                dsl.select(PAYMENT_METHOD.ID).from(PAYMENT_METHOD)
                        .where(PAYMENT_METHOD.CUSTOMER_ID.eq(customerId), PAYMENT_METHOD.REMOVED_AT.isNull())
                        .orderBy(PAYMENT_METHOD.ID.desc()).limit(1)
                        .fetchOptional(PAYMENT_METHOD.ID)
                        .ifPresent(next -> dsl.update(PAYMENT_METHOD).set(PAYMENT_METHOD.IS_DEFAULT, true)
                                .where(PAYMENT_METHOD.ID.eq(next)).execute());
            }
            return null;
        });
    }

    @Override
    public void chooseDefault(long customerId, long paymentMethodId) {
        tx.run(dsl -> {
            lockCustomerAndCountMethods(dsl, customerId);
            activeMethod(dsl, customerId, paymentMethodId);
            // clear first: at most one default may exist at any moment
            dsl.update(PAYMENT_METHOD).set(PAYMENT_METHOD.IS_DEFAULT, false)
                    .where(PAYMENT_METHOD.CUSTOMER_ID.eq(customerId), PAYMENT_METHOD.IS_DEFAULT.isTrue(),
                            PAYMENT_METHOD.ID.ne(paymentMethodId))
                    .execute();
            dsl.update(PAYMENT_METHOD).set(PAYMENT_METHOD.IS_DEFAULT, true)
                    .where(PAYMENT_METHOD.ID.eq(paymentMethodId)).execute();
            return null;
        });
    }

    @Override
    public List<PaymentMethod> paymentMethods(long customerId) {
        return tx.run(dsl -> {
            customerRow(dsl, customerId);
            return dsl.select(PAYMENT_METHOD.fields())
                    .select(CREDIT_CARD.BRAND, CREDIT_CARD.HOLDER_NAME, CREDIT_CARD.LAST_FOUR, CREDIT_CARD.PROCESSOR_TOKEN)
                    .select(GIFT_CARD.SERIAL, GIFT_CARD.INITIAL_AMOUNT, GIFT_CARD.BALANCE)
                    .from(PAYMENT_METHOD)
                    .leftJoin(CREDIT_CARD).on(CREDIT_CARD.PAYMENT_METHOD_ID.eq(PAYMENT_METHOD.ID))
                    .leftJoin(GIFT_CARD).on(GIFT_CARD.PAYMENT_METHOD_ID.eq(PAYMENT_METHOD.ID))
                    .where(PAYMENT_METHOD.CUSTOMER_ID.eq(customerId), PAYMENT_METHOD.REMOVED_AT.isNull())
                    .orderBy(PAYMENT_METHOD.ID)
                    .fetch(JooqCustomerRepository::toPaymentMethod);
        });
    }

    /**
     * The customer whose email has the key of {@code email}: the column the schema computes and keeps
     * unique ({@code customer.email_key}, not in the generated classes because each engine adds it).
     * The key is computed here by the class H2's column uses; PostgreSQL's SQL twin agrees with it
     * except on characters whose case mapping differs between the JDK's and the server's Unicode.
     */
    private static Condition sameAccount(String email) {
        return field(name("email_key"), String.class).eq(EmailKeys.of(email));
    }

    private static CustomerRecord customerRow(DSLContext dsl, long customerId) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("customer", customerId));
    }

    /** Locks the customer row (serialising changes to their payment methods) and counts active methods. */
    private static int lockCustomerAndCountMethods(DSLContext dsl, long customerId) {
        dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        return dsl.fetchCount(PAYMENT_METHOD,
                PAYMENT_METHOD.CUSTOMER_ID.eq(customerId).and(PAYMENT_METHOD.REMOVED_AT.isNull()));
    }

    private static Record activeMethod(DSLContext dsl, long customerId, long paymentMethodId) {
        return dsl.select(PAYMENT_METHOD.ID, PAYMENT_METHOD.IS_DEFAULT).from(PAYMENT_METHOD)
                .where(PAYMENT_METHOD.ID.eq(paymentMethodId), PAYMENT_METHOD.CUSTOMER_ID.eq(customerId),
                        PAYMENT_METHOD.REMOVED_AT.isNull())
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("payment method", paymentMethodId));
    }

    /** The payment method of the card row just written with {@code id}. */
    private static void insertMethod(DSLContext dsl, long id, long customerId, String kind, boolean isDefault,
                                     LocalDate expiresOn) {
        dsl.insertInto(PAYMENT_METHOD)
                .set(PAYMENT_METHOD.ID, id)
                .set(PAYMENT_METHOD.CUSTOMER_ID, customerId)
                .set(PAYMENT_METHOD.KIND, kind)
                .set(PAYMENT_METHOD.IS_DEFAULT, isDefault)
                .set(PAYMENT_METHOD.EXPIRES_ON, expiresOn)
                .execute();
    }

    private static void setAddress(CustomerRecord row, Address a) {
        row.setAddressBuilding(a.building());
        row.setAddressStreet(a.street());
        row.setAddressCity(a.city());
        row.setAddressRegion(a.region());
        row.setAddressPostcode(a.postcode());
        row.setAddressCountry(a.country());
    }

    static Customer toCustomer(CustomerRecord r) {
        return new Customer(r.getId(), r.getEmail(), r.getName(), r.getBirthDate(), Gender.ofDbValue(r.getGender()),
                r.getPhone(), new Address(r.getAddressBuilding(), r.getAddressStreet(), r.getAddressCity(),
                r.getAddressRegion(), r.getAddressPostcode(), r.getAddressCountry()), r.getCreatedAt().toInstant());
    }

    private static PaymentMethod toPaymentMethod(Record r) {
        long id = r.get(PAYMENT_METHOD.ID);
        long customerId = r.get(PAYMENT_METHOD.CUSTOMER_ID);
        boolean isDefault = r.get(PAYMENT_METHOD.IS_DEFAULT);
        LocalDate expiresOn = r.get(PAYMENT_METHOD.EXPIRES_ON);
        if (CREDIT.equals(r.get(PAYMENT_METHOD.KIND))) {
            return new CreditCard(id, customerId, isDefault, r.get(CREDIT_CARD.BRAND), r.get(CREDIT_CARD.HOLDER_NAME),
                    r.get(CREDIT_CARD.LAST_FOUR), expiresOn == null ? null : YearMonth.from(expiresOn),
                    r.get(CREDIT_CARD.PROCESSOR_TOKEN));
        }
        return new GiftCard(id, customerId, isDefault, r.get(GIFT_CARD.SERIAL), r.get(GIFT_CARD.INITIAL_AMOUNT),
                r.get(GIFT_CARD.BALANCE), expiresOn);
    }
}
