package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.ecommerce.dao.EcommerceException;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.basket.BasketLine;
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
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.customer.UpdateProfile;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.dao.review.Review;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile input into every write operation: quotes, NUL characters, unpaired
 * surrogates, 10 000-character strings, emoji, negative and huge numbers, unknown ids. Whatever
 * comes in, the outcome is either success with the value stored verbatim, or a typed
 * {@link EcommerceException} with nothing written: never another exception, never a partial write.
 */
@OnBothEngines
class HostileInputTest {

    private static final int TRIALS_PER_OPERATION = 25;

    private static final Arbitrary<String> TEXT = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().alpha().numeric().withChars(' ', '\'', '"', ';', '-', '%', '_', '\\').ofMinLength(1).ofMaxLength(30),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(95).ofMaxLength(105),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(250).ofMaxLength(260),
            Arbitraries.of("O'Brien", "\"quoted\"", "'; DROP TABLE customer; --", "a\u0000b", "😀🛒🎁", "   ", "",
                    "x".repeat(10_000), "\uD83D", "lone \uDE00 low", "Zoë Ünïcödé", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "tab\tnew\nline",
                    "%_\\", "null", "GB", "gb", "4242", "42x2"),
            Arbitraries.just(null));
    private static final Arbitrary<Integer> QUANTITY = Arbitraries.oneOf(Arbitraries.integers().between(-3, 6),
            Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000));
    private static final Arbitrary<BigDecimal> MONEY = Arbitraries.oneOf(
            Arbitraries.bigDecimals().between(new BigDecimal("-50"), new BigDecimal("200")).ofScale(2),
            Arbitraries.bigDecimals().between(new BigDecimal("0"), new BigDecimal("10")).ofScale(3),
            Arbitraries.of(new BigDecimal("1E+12"), new BigDecimal("9999999999.99"), new BigDecimal("-0.01"),
                    BigDecimal.ZERO),
            Arbitraries.just(null));

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    /** The seed of the random values, named by every failure: {@code -Dhostile.seed=N} draws the same again. */
    private final long seed = Long.getLong("hostile.seed", new Random().nextLong());

    HostileInputTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @BeforeEach
    void drawFromTheSeed() {
        JqwikSession.start(Long.toString(seed));
    }

    @AfterEach
    void stopDrawing() {
        JqwikSession.finish();
    }

    @Test
    void everyWriteEitherStoresTheValueVerbatimOrFailsTypedWithNothingWritten() throws Exception {
        // given a small shop whose ids the random values may hit, next to unknown and negative ids
        Customer buyer = fixtures.customer();
        CreditCard card = fixtures.creditCard(buyer);
        Product product = fixtures.product("10.00", 50);
        Order order = shop.orders().place(PlaceOrder.of(buyer.id(), card.id(), null, new OrderItem(product.id(), 3)));
        Arbitrary<Long> ids = Arbitraries.oneOf(
                Arbitraries.of(buyer.id(), card.id(), product.id(), order.id(), product.brandId(), product.categoryId()),
                Arbitraries.of(0L, -1L, 987_654_321L, Long.MAX_VALUE));
        Iterator<Long> id = ids.sampleStream().iterator();
        Iterator<String> text = TEXT.sampleStream().iterator();
        Iterator<Integer> quantity = QUANTITY.sampleStream().iterator();
        Iterator<BigDecimal> money = MONEY.sampleStream().iterator();

        List<Operation> operations = List.of(
                new Operation("register", () -> {
                    String email = text.next();
                    String name = text.next();
                    String phone = text.next();
                    Address address = new Address(text.next(), text.next(), text.next(), text.next(), text.next(), text.next());
                    Customer c = shop.customers().register(new RegisterCustomer(
                            email == null ? null : ShopFixtures.unique("u") + email, name, null, null, phone, address, text.next()));
                    Customer stored = shop.customers().get(c.id());
                    return List.of(stored.name(), name, stored.phone() == null ? "" : stored.phone(), phone == null ? "" : phone,
                            stored.address(), address);
                }),
                new Operation("updateProfile", () -> {
                    long customer = id.next();
                    String name = text.next();
                    String phone = text.next();
                    shop.customers().updateProfile(customer, new UpdateProfile(name, null, null, phone));
                    Customer stored = shop.customers().get(customer);
                    return List.of(stored.name(), name, String.valueOf(stored.phone()), String.valueOf(phone));
                }),
                new Operation("addCreditCard", () -> {
                    long customer = id.next();
                    CreditCard added = shop.customers().addCreditCard(customer, new NewCreditCard(text.next(), text.next(),
                            text.next(), YearMonth.of(2030, 1), ShopFixtures.unique("tok") + text.next()));
                    CreditCard stored = (CreditCard) shop.customers().paymentMethods(customer).stream()
                            .filter(m -> m.id() == added.id()).findFirst().orElseThrow();
                    return List.of(stored, added);
                }),
                new Operation("addGiftCard", () -> {
                    long customer = id.next();
                    GiftCard added = shop.customers().addGiftCard(customer,
                            new NewGiftCard(text.next(), money.next(), null));
                    GiftCard stored = (GiftCard) shop.customers().paymentMethods(customer).stream()
                            .filter(m -> m.id() == added.id()).findFirst().orElseThrow();
                    return List.of(stored.serial(), added.serial(), stored.balance(), added.balance());
                }),
                new Operation("addBrand", () -> {
                    String name = text.next();
                    Brand brand = shop.catalog().addBrand(name);
                    return List.of(shop.catalog().brands().contains(brand), true, brand.name(), name);
                }),
                new Operation("addCategory", () -> {
                    String name = text.next();
                    Category category = shop.catalog().addCategory(name, id.next() % 2 == 0 ? null : product.categoryId());
                    return List.of(shop.catalog().categories().contains(category), true, category.name(), name);
                }),
                new Operation("addProduct", () -> {
                    String name = text.next();
                    String description = text.next();
                    Product added = shop.catalog().addProduct(new NewProduct(name, description, id.next(), id.next(),
                            money.next(), quantity.next()));
                    Product stored = shop.catalog().get(added.id());
                    return List.of(stored, added, stored.name(), name, String.valueOf(stored.description()),
                            String.valueOf(description));
                }),
                new Operation("restock", () -> {
                    long restocked = id.next();
                    int units = quantity.next();
                    Integer before = null;
                    try {
                        before = shop.catalog().get(restocked).stock();
                    } catch (NotFoundException unknown) {
                        // restock refuses it too, typed: that is what this trial shows
                    }
                    int after = shop.catalog().restock(restocked, units).stock();
                    return List.of(before == null || after == before + units, true);
                }),
                new Operation("changePrice", () -> {
                    BigDecimal price = money.next();
                    Product changed = shop.catalog().changePrice(id.next(), price);
                    return List.of(changed.price().compareTo(price) == 0, true);
                }),
                new Operation("addToBasket", () -> {
                    long customer = id.next();
                    long item = id.next();
                    int units = quantity.next();
                    int before = shop.customers().get(customer) != null ? unitsInBasket(customer, item) : 0;
                    int after = shop.baskets().add(customer, item, units).lines().stream()
                            .filter(l -> l.productId() == item).mapToInt(BasketLine::quantity).sum();
                    return List.of(after, before + units);
                }),
                new Operation("placeOrder", () -> {
                    String key = text.next();
                    Order placed = shop.orders().place(new PlaceOrder(id.next(), id.next(),
                            List.of(new OrderItem(id.next(), quantity.next())), money.next(), null, key));
                    Order stored = shop.orders().get(placed.id());
                    return List.of(stored.lines(), placed.lines(), String.valueOf(stored.idempotencyKey()), String.valueOf(key));
                }),
                new Operation("openReturn", () -> {
                    String reason = text.next();
                    OrderReturn opened = shop.returns().open(new OpenReturn(id.next(),
                            List.of(new ReturnItem(id.next(), quantity.next())), reason, 30));
                    return List.of(shop.returns().get(opened.id()), opened);
                }),
                new Operation("addReview", () -> {
                    String body = text.next();
                    int rating = Arbitraries.integers().between(-1, 7).sample();
                    Review review = shop.reviews().add(new AddReview(id.next(), id.next(), rating, body));
                    Review stored = shop.reviews().forProduct(review.productId(), PageRequest.first(500)).reviews().stream()
                            .filter(r -> r.id() == review.id()).findFirst().orElseThrow();
                    return List.of(String.valueOf(stored.body()), String.valueOf(body), stored.rating(), rating);
                }));

        int successes = 0;
        int refusals = 0;
        for (Operation operation : operations) {
            for (int trial = 0; trial < TRIALS_PER_OPERATION; trial++) {
                // when an operation runs with random input
                String before = fingerprint();
                try {
                    List<?> storedThenGiven = operation.run.get();
                    // then on success every stored value equals the one given
                    for (int i = 0; i < storedThenGiven.size(); i += 2) {
                        assertThat(storedThenGiven.get(i)).as(operation.name + " stores verbatim (seed " + seed + ")")
                                .isEqualTo(storedThenGiven.get(i + 1));
                    }
                    successes++;
                } catch (EcommerceException refused) {
                    // or it is refused with a typed error and nothing was written
                    assertThat(fingerprint()).as(operation.name + " refused (" + refused.getMessage() + ") wrote nothing (seed " + seed + ")")
                            .isEqualTo(before);
                    refusals++;
                } catch (AssertionError e) {
                    throw e;
                } catch (RuntimeException untyped) {
                    fail(operation.name + " threw an untyped " + untyped + " (seed " + seed + ")", untyped);
                }
            }
        }
        // the random values were neither all accepted nor all refused
        assertThat(successes).isPositive();
        assertThat(refusals).isPositive();
    }

    private int unitsInBasket(long customer, long product) {
        return shop.baskets().view(customer).lines().stream().filter(l -> l.productId() == product)
                .mapToInt(BasketLine::quantity).sum();
    }

    /** Row counts of every table plus total stock and gift-card balance: any write changes it. */
    private String fingerprint() throws Exception {
        List<String> parts = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (String table : List.of("customer", "brand", "category", "product", "basket", "basket_line",
                    "payment_method", "credit_card", "gift_card", "orders", "order_line", "delivery", "order_return",
                    "return_line", "review", "interaction")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    parts.add(table + "=" + rs.getLong(1));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (SELECT SUM(stock) FROM product), (SELECT SUM(balance) FROM gift_card), "
                            + "(SELECT SUM(price) FROM product), (SELECT SUM(quantity) FROM basket_line)")) {
                rs.next();
                parts.add("stock=" + rs.getObject(1) + " balance=" + rs.getObject(2) + " prices=" + rs.getObject(3)
                        + " basket=" + rs.getObject(4));
            }
        }
        return String.join(" ", parts);
    }

    private record Operation(String name, Supplier<List<?>> run) {
    }
}
