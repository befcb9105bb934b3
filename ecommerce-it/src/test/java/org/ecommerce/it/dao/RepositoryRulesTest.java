package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.ecommerce.dao.DuplicateException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.InsufficientBalanceException;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.Page;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.ReturnExceedsPurchaseException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.Brand;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.PaymentMethod;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.customer.UpdateProfile;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.interaction.InteractionEvent;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.schema.rules.Rule;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ecommerce.schema.Engine;
import org.jooq.Cursor;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Each repository's refusals arrive as their typed errors, with nothing written. */
@OnBothEngines
class RepositoryRulesTest {

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    RepositoryRulesTest(TestDatabase db) {
        this.db = db;
        shop = Ecommerce.create(db.dataSource());
        fixtures = new ShopFixtures(shop);
    }

    @Test
    void registeringAnEmailThatDiffersOnlyInCaseIsADuplicate() {
        String email = ShopFixtures.unique("grace") + "@Navy.mil";
        shop.customers().register(registration(email));

        DuplicateException duplicate = catchThrowableOfType(DuplicateException.class,
                () -> shop.customers().register(registration(email.toUpperCase())));

        assertThat(duplicate.field()).isEqualTo("email");
        assertThat(shop.customers().findByEmail(email.toLowerCase())).isPresent();
    }

    @Test
    void aDuplicateNamesItsFieldButNeitherItNorAnyOfItsCausesShowsTheValue() {
        // given a registered email and a card token on file
        String email = ShopFixtures.unique("secret.person") + "@Example.com";
        Customer customer = shop.customers().register(registration(email));
        CreditCard card = fixtures.creditCard(customer);

        // when each is used again
        DuplicateException duplicateEmail = catchThrowableOfType(DuplicateException.class,
                () -> shop.customers().register(registration(email.toLowerCase())));
        DuplicateException duplicateToken = catchThrowableOfType(DuplicateException.class,
                () -> shop.customers().addCreditCard(customer.id(), new NewCreditCard("visa", "P", "4242",
                        YearMonth.now().plusYears(1), card.processorToken())));

        // then each names its field, and no message, description or stack trace of it or its causes holds the value
        assertThat(duplicateEmail.field()).isEqualTo("email");
        assertThat(duplicateToken.field()).isEqualTo("processorToken");
        assertThat(everythingLoggable(duplicateEmail).toLowerCase(Locale.ROOT)).doesNotContain(email.toLowerCase(Locale.ROOT));
        assertThat(everythingLoggable(duplicateToken)).doesNotContain(card.processorToken());
        // and the cause still says which rule refused, with its SQLSTATE
        assertThat(duplicateEmail.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("customer_email_unique");
        assertThat(((SQLException) duplicateEmail.getCause()).getSQLState()).isEqualTo("23505");
        assertThat(duplicateToken.getCause()).hasMessageContaining("credit_card_token_unique");
    }

    @Test
    void aCheckThatRefusesARowNamesItsRuleButNeitherTheExceptionNorItsCausesShowTheRowsValues() {
        // given a customer
        Customer customer = fixtures.customer();

        // when plain SQL in a transaction writes a password in clear text where its hash belongs
        RuleViolationException refused = catchThrowableOfType(RuleViolationException.class, () -> shop.inTransaction(s ->
                s.read("plain sql", dsl -> dsl.execute("UPDATE customer SET password_hash = 'MyClearPassword!' WHERE id = "
                        + customer.id()))));

        // then the rule and its guarantee are named, and the password is nowhere in what may be logged
        assertThat(refused.rule()).isEqualTo(Rule.CUSTOMER_PASSWORD_IS_HASH.databaseName());
        assertThat(refused).hasMessageContaining(Rule.CUSTOMER_PASSWORD_IS_HASH.guarantee());
        assertThat(everythingLoggable(refused)).doesNotContain("MyClearPassword!");
        assertThat(((SQLException) refused.getCause()).getSQLState()).startsWith("2351");

        // and a NOT NULL refusal of the same row, which quotes it too, shows neither
        RuleViolationException missing = catchThrowableOfType(RuleViolationException.class, () -> shop.inTransaction(s ->
                s.read("plain sql", dsl -> dsl.execute("UPDATE customer SET password_hash = 'MyClearPassword!', name = NULL"
                        + " WHERE id = " + customer.id()))));
        assertThat(missing.getMessage()).containsIgnoringCase("name");
        assertThat(everythingLoggable(missing)).doesNotContain("MyClearPassword!");
    }

    @Test
    void aBirthDateOutsideTheYears1800To9999IsRefusedNamingTheFieldAndNothingIsWritten() {
        for (LocalDate birthDate : List.of(LocalDate.of(-5000, 1, 1), LocalDate.of(1799, 12, 31))) {
            // when
            String email = ShopFixtures.unique("old") + "@example.com";
            ValidationException refused = catchThrowableOfType(ValidationException.class,
                    () -> shop.customers().register(new RegisterCustomer(email, "Old", birthDate, null, null,
                            Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), ShopFixtures.PASSWORD)));

            // then
            assertThat(refused).as(birthDate.toString()).isNotNull();
            assertThat(refused.field()).isEqualTo("birthDate");
            assertThat(refused.reason()).isEqualTo("must be between 1800-01-01 and 9999-12-31");
            assertThat(shop.customers().findByEmail(email)).isEmpty();
        }
        // and a profile cannot be changed to such a date either, while the first day of the range is a birth date
        Customer customer = fixtures.customer();
        assertThatThrownBy(() -> shop.customers().updateProfile(customer.id(),
                new UpdateProfile(customer.name(), LocalDate.of(-5000, 1, 1), null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("birthDate"));
        assertThat(shop.customers().get(customer.id()).birthDate()).isNull();
        assertThat(shop.customers().updateProfile(customer.id(), new UpdateProfile(customer.name(), LocalDate.of(1800, 1, 1),
                null, null)).birthDate()).isEqualTo(LocalDate.of(1800, 1, 1));
    }

    @Test
    void everyOtherDateTheApiTakesIsRefusedOutsideTheSameRangeNamingItsField() {
        Customer customer = fixtures.customer();
        Order order = someOrder(1);
        Product product = fixtures.product("1.00", 1);

        assertThat(fieldRefused(() -> new NewGiftCard("GC-FAR", new BigDecimal("10.00"), LocalDate.of(10_000, 1, 1))))
                .isEqualTo("expiresOn");
        assertThat(fieldRefused(() -> new NewCreditCard("visa", "P", "4242", YearMonth.of(1799, 12), "tok_far")))
                .isEqualTo("expires");
        assertThat(fieldRefused(() -> shop.deliveries().expectOn(order.id(), LocalDate.of(-1, 1, 1)))).isEqualTo("date");
        assertThat(fieldRefused(() -> shop.interactions().record(customer.id(), product.id(), "view",
                Instant.parse("1799-12-31T23:59:59Z")))).isEqualTo("at");
        assertThat(fieldRefused(() -> shop.interactions().record(customer.id(), product.id(), "view",
                Instant.parse("+10000-01-01T00:00:00Z")))).isEqualTo("at");
        assertThat(shop.deliveries().forOrder(order.id()).expectedOn()).isNull();
    }

    @Test
    void aReturnOfNoOrderIsRefusedNamingTheOrderIdAndOpensNothing() {
        // given an order
        Order order = someOrder(1);

        // when a return names no order, then the refusal names orderId
        assertThat(fieldRefused(() -> shop.returns().open(OpenReturn.of(0, "broken",
                new ReturnItem(order.lines().get(0).productId(), 1))))).isEqualTo("orderId");
        // and no return was opened
        assertThat(shop.returns().forOrder(order.id())).isEmpty();
    }

    @Test
    void authenticationFailsAlikeForAWrongPasswordAndAnUnknownEmail() {
        Customer grace = shop.customers().register(registration(ShopFixtures.unique("g") + "@example.com"));

        assertThat(shop.customers().authenticate(grace.email(), ShopFixtures.PASSWORD)).contains(grace);
        assertThat(shop.customers().authenticate(grace.email(), "not the password")).isEmpty();
        assertThat(shop.customers().authenticate("nobody@example.com", ShopFixtures.PASSWORD)).isEmpty();
    }

    @Test
    void aCustomerAlwaysHasExactlyOneDefaultPaymentMethodWhileTheyHaveAny() {
        // given a customer with a card (the default) and a gift card
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        GiftCard gift = fixtures.giftCard(customer, "50.00");

        // when the gift card becomes the default, and is then removed
        shop.customers().chooseDefault(customer.id(), gift.id());
        assertThat(defaults(customer)).containsExactly(gift.id());
        shop.customers().removePaymentMethod(customer.id(), gift.id());

        // then the card is the default again, and the removed gift card is gone from the choices
        assertThat(defaults(customer)).containsExactly(card.id());
        assertThat(shop.customers().paymentMethods(customer.id())).extracting(PaymentMethod::id).containsExactly(card.id());
        // and another customer cannot touch it
        Customer other = fixtures.customer();
        assertThatThrownBy(() -> shop.customers().chooseDefault(other.id(), card.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aGiftCardThatDoesNotCoverTheOrderRefusesItAndNothingIsSold() {
        Customer customer = fixtures.customer();
        GiftCard gift = fixtures.giftCard(customer, "10.00");
        Product product = fixtures.product("6.00", 5);

        InsufficientBalanceException refused = catchThrowableOfType(InsufficientBalanceException.class,
                () -> shop.orders().place(PlaceOrder.of(customer.id(), gift.id(), null, new OrderItem(product.id(), 2))));

        assertThat(refused.paymentMethodId()).isEqualTo(gift.id());
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
        assertThat(shop.orders().byCustomer(customer.id(), PageRequest.first(5)).totalItems()).isZero();
    }

    @Test
    void aDeductionLowersTheGrandTotalButCannotExceedTheTotal() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product product = fixtures.product("20.00", 5);

        Order order = shop.orders().place(new PlaceOrder(customer.id(), card.id(), List.of(new OrderItem(product.id(), 2)),
                new BigDecimal("5.50"), null, null));
        assertThat(order.total()).isEqualByComparingTo("40.00");
        assertThat(order.grandTotal()).isEqualByComparingTo("34.50");
        assertThat(shop.orders().get(order.id())).isEqualTo(order);

        ValidationException tooMuch = catchThrowableOfType(ValidationException.class, () -> shop.orders().place(
                new PlaceOrder(customer.id(), card.id(), List.of(new OrderItem(product.id(), 1)), new BigDecimal("20.01"), null, null)));
        assertThat(tooMuch.field()).isEqualTo("deduction");
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(3);
    }

    @Test
    void placingTheSameRequestAgainReturnsTheFirstOrderAndSellsNothingMore() {
        // given an order of two products, with a deduction and an idempotency key, paid by gift card
        Customer customer = fixtures.customer();
        GiftCard gift = fixtures.giftCard(customer, "100.00");
        Product first = fixtures.product("20.00", 5);
        Product second = fixtures.product("3.25", 5);
        PlaceOrder request = new PlaceOrder(customer.id(), gift.id(),
                List.of(new OrderItem(second.id(), 3), new OrderItem(first.id(), 1)), new BigDecimal("1.50"), null, "again-1");
        Order placed = shop.orders().place(request);

        // when the same request arrives again
        Order replayed = shop.orders().place(request);

        // then it is the first order, field for field, and neither stock nor balance moved again
        assertThat(replayed).isEqualTo(placed);
        assertThat(placed.grandTotal()).isEqualByComparingTo("28.25");
        assertThat(shop.catalog().get(first.id()).stock()).isEqualTo(4);
        assertThat(shop.catalog().get(second.id()).stock()).isEqualTo(2);
        assertThat(shop.customers().paymentMethods(customer.id()))
                .filteredOn(m -> m.id() == gift.id()).singleElement()
                .satisfies(m -> assertThat(((GiftCard) m).balance()).isEqualByComparingTo("71.75"));
    }

    @Test
    void anotherRequestUnderAKeyAlreadyUsedIsRefusedAndPlacesNothing() {
        // given an order placed with an idempotency key
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product product = fixtures.product("5.00", 10);
        Order placed = shop.orders().place(PlaceOrder.of(customer.id(), card.id(), "reused-1", new OrderItem(product.id(), 1)));

        // when requests for other quantities, products or deductions come with the same key
        List<PlaceOrder> others = List.of(
                PlaceOrder.of(customer.id(), card.id(), "reused-1", new OrderItem(product.id(), 2)),
                PlaceOrder.of(customer.id(), card.id(), "reused-1", new OrderItem(product.id(), 1),
                        new OrderItem(fixtures.product("1.00", 10).id(), 1)),
                new PlaceOrder(customer.id(), card.id(), List.of(new OrderItem(product.id(), 1)), new BigDecimal("1.00"),
                        null, "reused-1"));

        // then each is refused naming the key, and only the first order exists, its stock taken once
        for (PlaceOrder other : others) {
            assertThat(fieldRefused(() -> shop.orders().place(other))).isEqualTo("idempotencyKey");
        }
        assertThat(shop.orders().byCustomer(customer.id(), PageRequest.first(5)).items()).containsExactly(placed);
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(9);
    }

    @Test
    void anOrderNamingSomethingUnknownIsNotFound() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        CreditCard othersCard = fixtures.creditCard(fixtures.customer());
        Product product = fixtures.product("1.00", 5);

        assertThat(catchThrowableOfType(NotFoundException.class, () -> shop.orders().place(
                PlaceOrder.of(customer.id(), card.id(), null, new OrderItem(987_654_321L, 1)))).entity()).isEqualTo("product");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> shop.orders().place(
                PlaceOrder.of(customer.id(), othersCard.id(), null, new OrderItem(product.id(), 1)))).entity())
                .isEqualTo("payment method");
        assertThat(shop.catalog().get(product.id()).stock()).isEqualTo(5);
    }

    @Test
    void aDeliveredOrderCannotGoBackToPending() {
        Order order = someOrder(1);
        shop.deliveries().moveTo(order.id(), DeliveryStatus.POSTPONED);
        shop.deliveries().moveTo(order.id(), DeliveryStatus.DELIVERED);

        InvalidStatusTransitionException refused = catchThrowableOfType(InvalidStatusTransitionException.class,
                () -> shop.deliveries().moveTo(order.id(), DeliveryStatus.PENDING));

        assertThat(refused.from()).isEqualTo("delivered");
        assertThat(refused.to()).isEqualTo("pending");
        assertThat(shop.deliveries().forOrder(order.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void returnsNeverExceedWhatWasBoughtAndAClosedReturnIsFinal() {
        // given an order of 2 units with one unit already being returned
        Order order = someOrder(2);
        long product = order.lines().get(0).productId();
        OrderReturn first = shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 1)));

        // when 2 more are asked back, it is refused with the product named
        ReturnExceedsPurchaseException tooMany = catchThrowableOfType(ReturnExceedsPurchaseException.class,
                () -> shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 2))));
        assertThat(tooMany.productId()).isEqualTo(product);
        assertThat(shop.returns().forOrder(order.id())).hasSize(1);

        // and once denied, the first return can be neither completed nor cancelled, and frees its unit
        shop.returns().deny(first.id());
        assertThatThrownBy(() -> shop.returns().complete(first.id())).isInstanceOf(InvalidStatusTransitionException.class);
        assertThatThrownBy(() -> shop.returns().cancel(first.id())).isInstanceOf(InvalidStatusTransitionException.class);
        assertThat(shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 2))).lines()).hasSize(1);
    }

    @Test
    void aReturnOfTheLargestQuantityOnTopOfAnEarlierOneIsRefusedAsExceedingThePurchase() {
        // given an order of 2 units with one unit already being returned
        Order order = someOrder(2);
        long product = order.lines().get(0).productId();
        shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, 1)));

        // when as many more as an int holds are asked back, the sum passing what an int holds
        ReturnExceedsPurchaseException tooMany = catchThrowableOfType(ReturnExceedsPurchaseException.class,
                () -> shop.returns().open(OpenReturn.of(order.id(), null, new ReturnItem(product, Integer.MAX_VALUE))));

        // then it is refused as any return beyond the purchase is, on both engines
        assertThat(tooMany).isNotNull();
        assertThat(tooMany.productId()).isEqualTo(product);
        assertThat(shop.returns().forOrder(order.id())).hasSize(1);
    }

    @Test
    void browsingACategoryIncludesItsSubcategoriesPageByPage() {
        // given a category with a subcategory and 5 products spread over both
        Category top = shop.catalog().addCategory(ShopFixtures.unique("Top "), null);
        Category sub = shop.catalog().addCategory(ShopFixtures.unique("Sub "), top.id());
        long brand = shop.catalog().addBrand(ShopFixtures.unique("Brand ")).id();
        for (int i = 1; i <= 5; i++) {
            shop.catalog().addProduct(new NewProduct("Item " + i, null, brand, i % 2 == 0 ? sub.id() : top.id(),
                    new BigDecimal("1.00"), i));
        }

        // when it is read two at a time
        Page<Product> first = shop.catalog().byCategory(top.id(), PageRequest.first(2));
        Page<Product> third = shop.catalog().byCategory(top.id(), new PageRequest(2, 2));

        // then pages follow the name order and know the total
        assertThat(first.items()).extracting(Product::name).containsExactly("Item 1", "Item 2");
        assertThat(first.totalItems()).isEqualTo(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(third.items()).extracting(Product::name).containsExactly("Item 5");
        assertThat(third.hasNext()).isFalse();
        assertThat(shop.catalog().byCategory(sub.id(), PageRequest.first(10)).items()).hasSize(2);
        assertThat(shop.catalog().byBrand(brand, PageRequest.first(10)).totalItems()).isEqualTo(5);
    }

    @Test
    void callsInOneTransactionCommitOrRollBackTogether() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product plenty = fixtures.product("1.00", 10);
        Product scarce = fixtures.product("1.00", 1);

        // when the second of two orders in one transaction fails, the first is undone too
        assertThatThrownBy(() -> shop.inTransaction(tx -> {
            tx.orders().place(PlaceOrder.of(customer.id(), card.id(), null, new OrderItem(plenty.id(), 3)));
            return tx.orders().place(PlaceOrder.of(customer.id(), card.id(), null, new OrderItem(scarce.id(), 2)));
        })).isInstanceOf(org.ecommerce.dao.OutOfStockException.class);

        assertThat(shop.catalog().get(plenty.id()).stock()).isEqualTo(10);
        assertThat(shop.orders().byCustomer(customer.id(), PageRequest.first(5)).totalItems()).isZero();
    }

    @Test
    void aRefusedCallInsideATransactionIsTypedThereAndUndoesOnlyItself() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product plenty = fixtures.product("1.00", 10);
        Product scarce = fixtures.product("1.00", 1);

        // given a transaction whose second order asks for more than there is, in a line after one
        // that could be served, and whose code catches the refusal and orders what there is
        List<Order> placed = new ArrayList<>();
        List<Class<?>> caught = new ArrayList<>();
        shop.runInTransaction(tx -> {
            placed.add(tx.orders().place(PlaceOrder.of(customer.id(), card.id(), null, new OrderItem(plenty.id(), 3))));
            try {
                tx.orders().place(PlaceOrder.of(customer.id(), card.id(), null,
                        new OrderItem(plenty.id(), 2), new OrderItem(scarce.id(), 2)));
            } catch (OutOfStockException refused) {
                caught.add(refused.getClass());
            }
            placed.add(tx.orders().place(PlaceOrder.of(customer.id(), card.id(), null, new OrderItem(scarce.id(), 1))));
        });

        // then the code saw the typed refusal, and the transaction committed the first and the last
        // order, and no row of the refused one
        assertThat(caught).containsExactly(OutOfStockException.class);
        assertThat(shop.orders().byCustomer(customer.id(), PageRequest.first(5)).items())
                .containsExactlyInAnyOrderElementsOf(placed);
        assertThat(shop.catalog().get(plenty.id()).stock()).isEqualTo(7);
        assertThat(shop.catalog().get(scarce.id()).stock()).isZero();
    }

    @Test
    void aReadThatFailsInsideATransactionLeavesItsWritesToCommit() {
        String brand = ShopFixtures.unique("Brand");

        // given a transaction that adds a brand, then runs a read that fails, and catches its error
        List<Class<?>> caught = new ArrayList<>();
        shop.runInTransaction(tx -> {
            tx.catalog().addBrand(brand);
            try {
                tx.read("dividing-by-zero", dsl -> dsl.fetchValue("SELECT 1 / (COUNT(*) - COUNT(*)) FROM brand"));
            } catch (ValidationException failed) {
                caught.add(failed.getClass());
            }
        });

        // then the brand is committed on both engines (PostgreSQL aborts a transaction at any error
        // that no savepoint undoes, and its COMMIT then rolls back)
        assertThat(caught).containsExactly(ValidationException.class);
        assertThat(shop.catalog().brands()).extracting(Brand::name).contains(brand);
    }

    @Test
    void aSerializationFailureThatATransactionCatchesStillRunsItAgainWhole() {
        String brand = ShopFixtures.unique("Brand");
        AtomicInteger attempts = new AtomicInteger();

        // given a transaction that adds a brand, then meets a serialization failure in a read on its
        // first attempt (the SQLSTATE a database gives one) and catches it
        shop.runInTransaction(tx -> {
            attempts.incrementAndGet();
            tx.catalog().addBrand(brand);
            try {
                tx.read("conflicting", dsl -> {
                    if (attempts.get() == 1) {
                        throw new org.jooq.exception.DataAccessException("conflict",
                                new SQLException("could not serialize access", "40001"));
                    }
                    return null;
                });
            } catch (RuntimeException caught) {
                // carries on, as if the read had been optional
            }
        });

        // then the first attempt was not committed but the whole transaction ran again: one brand
        assertThat(attempts).hasValue(2);
        assertThat(shop.catalog().brands()).extracting(Brand::name).containsOnlyOnce(brand);
    }

    @Test
    void aTransactionThatTheDatabaseAbortedIsNeverReportedAsCommitted() {
        String brand = ShopFixtures.unique("Brand");
        String rows = db.engine() == Engine.POSTGRESQL ? "generate_series(1, 3000) AS r(x)" : "SYSTEM_RANGE(1, 3000) AS r";

        // when a transaction adds a brand, then reads rows lazily, past its read's savepoint, until
        // one fails, and catches the error
        Throwable outcome = catchThrowable(() -> shop.runInTransaction(tx -> {
            tx.catalog().addBrand(brand);
            try (Cursor<Record1<Integer>> lazy = tx.read("failing-late", dsl -> dsl
                    .select(DSL.field("1 / (x - 1500)", Integer.class)).from(rows).fetchSize(100).fetchLazy())) {
                lazy.forEach(row -> { });
            } catch (RuntimeException failedLate) {
                // carries on, as if the rows had been optional
            }
        }));

        // then the transaction reports what the database did: PostgreSQL, whose transaction the
        // late failure aborted, refused with nothing written; H2, which fails such a read at once,
        // inside its savepoint, committed with the brand
        boolean stored = shop.catalog().brands().stream().anyMatch(b -> b.name().equals(brand));
        if (db.engine() == Engine.POSTGRESQL) {
            assertThat(outcome).isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing written");
            assertThat(stored).as("reported as rolled back").isFalse();
        } else {
            assertThat(outcome).isNull();
            assertThat(stored).as("reported as committed").isTrue();
        }
    }

    @Test
    void aRefusalThatATransactionDoesNotCatchLeavesItTypedAndRollsItAllBack() {
        String brand = ShopFixtures.unique("Brand");

        // when a transaction adds a brand, then a product that a foreign key refuses, uncaught
        Throwable refused = catchThrowable(() -> shop.runInTransaction(tx -> {
            tx.catalog().addBrand(brand);
            tx.catalog().addProduct(new NewProduct("Orphan", null, Long.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("1.00"), 1));
        }));

        // then it leaves the transaction as the same typed error as outside one, and the brand is gone too
        assertThat(refused).isInstanceOf(NotFoundException.class);
        assertThat(shop.catalog().brands()).extracting(Brand::name).doesNotContain(brand);
    }

    @Test
    void aMissingArgumentIsRefusedNamingItAndNothingIsWritten() {
        Customer customer = fixtures.customer();
        Product product = fixtures.product("1.00", 5);
        Iterator<InteractionEvent> oneThenNothing = Arrays.asList(
                new InteractionEvent(customer.id(), product.id(), "view", Instant.parse("2026-01-01T00:00:00Z")),
                (InteractionEvent) null).iterator();

        // when each call is handed a null where a value belongs, then each names it
        assertThat(fieldRefused(() -> shop.customers().register(null))).isEqualTo("registration");
        assertThat(fieldRefused(() -> shop.customers().updateProfile(customer.id(), null))).isEqualTo("profile");
        assertThat(fieldRefused(() -> PlaceOrder.of(customer.id(), 1, null, new OrderItem(product.id(), 1), null))).isEqualTo("items[1]");
        assertThat(fieldRefused(() -> OpenReturn.of(1, null, (ReturnItem) null))).isEqualTo("items[0]");
        assertThat(fieldRefused(() -> shop.interactions().recordAll(oneThenNothing))).isEqualTo("events[1]");

        // and the stream's first interaction is not recorded either
        int recorded = shop.read("interactions-of-the-customer", dsl -> dsl.fetchCount(DSL.table(DSL.name("interaction")),
                DSL.field(DSL.name("customer_id")).eq(customer.id())));
        assertThat(recorded).isZero();
    }

    @Test
    void aCreditCardPrintsWithoutItsProcessorToken() {
        Customer customer = fixtures.customer();

        // given a card as the library returns it, then as it reads it back
        CreditCard added = fixtures.creditCard(customer);
        PaymentMethod read = shop.customers().paymentMethods(customer.id()).get(0);

        // then neither shows the token that charges it in a log line
        assertThat(added.processorToken()).isNotBlank();
        assertThat(added.toString()).doesNotContain(added.processorToken()).contains("4242");
        assertThat(read.toString()).doesNotContain(added.processorToken());
    }

    @Test
    void ordersAreListedNewestFirst() {
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product product = fixtures.product("1.00", 10);
        Order first = shop.orders().place(PlaceOrder.of(customer.id(), card.id(), "a", new OrderItem(product.id(), 1)));
        Order second = shop.orders().place(PlaceOrder.of(customer.id(), card.id(), "b", new OrderItem(product.id(), 1)));

        assertThat(shop.orders().byCustomer(customer.id(), PageRequest.first(10)).items()).containsExactly(second, first);
    }

    private Order someOrder(int quantity) {
        Customer customer = fixtures.customer();
        return shop.orders().place(PlaceOrder.of(customer.id(), fixtures.creditCard(customer).id(), null,
                new OrderItem(fixtures.product("3.00", 10).id(), quantity)));
    }

    private List<Long> defaults(Customer customer) {
        return shop.customers().paymentMethods(customer.id()).stream().filter(PaymentMethod::isDefault)
                .map(PaymentMethod::id).toList();
    }

    /** The field of the ValidationException that {@code call} throws. */
    private static String fieldRefused(ThrowingCallable call) {
        return catchThrowableOfType(ValidationException.class, call).field();
    }

    /** Every text a log could show of a failure: message, description and stack trace, of it and each cause. */
    private static String everythingLoggable(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        StringBuilder text = new StringBuilder(trace.toString());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append('\n').append(t.getMessage()).append('\n').append(t);
        }
        return text.toString();
    }

    private static RegisterCustomer registration(String email) {
        return new RegisterCustomer(email, "Grace Hopper", null, null, null,
                Address.of("1 Main St", "Arlington", "22201", "US"), ShopFixtures.PASSWORD);
    }
}
