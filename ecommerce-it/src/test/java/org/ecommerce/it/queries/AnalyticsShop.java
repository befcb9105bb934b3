package org.ecommerce.it.queries;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.Brand;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.TestDatabase;

/**
 * A small shop whose every analytics answer is known by construction, built through the public
 * API. The few plain-SQL statements only pin times the API takes from the clock (order and
 * interaction times) and add view/click interactions, which no repository records yet.
 *
 * <pre>
 * Catalogue (brand / category, price, initial stock):
 *   headphones  Sonic   / Headphones (under Audio)  100.00  300
 *   earbuds     Sonic   / Headphones                 50.00  300
 *   speaker     Sonic   / Audio                     110.00  250
 *   novel       Papyrus / Books                      20.00  210
 *   atlas       Papyrus / Books                      40.00  100
 *   cookbook    Papyrus / Books                      30.00  200
 *   gnome       Idle    / Audio                      15.00    5   never sold (price later 12.50)
 *
 * Customers (in registration, i.e. id, order):
 *   ada female, born 1990-12-10, credit card, gift card 300.00; basket: novel x1
 *   bob male, credit card
 *   cyd non-binary, credit card
 *   dan male, born 1985-02-01, no orders; gift card 25.00 and a removed one of 10.00;
 *       basket: earbuds x1, gnome x2
 *   eve female, no orders, no basket
 *
 * Orders (placed at, UTC):
 *   o1 ada 2025-01-10 10:00  headphones x2 (200.00) + novel x1 (20.00)          grand 220.00
 *   o2 bob 2025-01-20 15:00  earbuds x3 (150.00) + novel x2 (40.00)             grand 190.00
 *   o3 ada 2025-03-05 10:00  speaker x1 (110.00), paid by gift card             grand 110.00
 *   o4 cyd 2025-03-28 22:30  atlas x3 (120.00) + earbuds x1 (50.00)
 *                            + cookbook x3 (90.00) = 260.00, deduction 26.00    grand 234.00
 *   o5 bob 2025-04-30 22:30  novel x2 (40.00) + headphones x1 (100.00)         grand 140.00
 *      (already 1 May 00:30 in Europe/Paris)
 *
 * Returns:
 *   o2 novel x2     completed  refund 40.00 (no deduction)
 *   o3 speaker x1   pending    refunds nothing (yet)
 *   o4 atlas x1     completed  refund 40.00 x 234 / 260 = 36.00
 *   o5 headphones x1 denied    refunds nothing
 *
 * Reviews: ada reviews headphones.
 * Interactions: one purchase per order line (9) and one review, pinned to 2025-06-05 12:00 UTC;
 *   dan views gnome 3x at 2025-06-01 08:15 and 2x at 2025-06-02 20:05;
 *   eve clicks gnome at 2025-06-03 08:45 and 2025-06-03 19:50.
 * </pre>
 */
final class AnalyticsShop {

    static final OffsetDateTime INTERACTIONS_PINNED_AT = utc("2025-06-05T12:00:00");
    static final OffsetDateTime DAN_VIEWS_FIRST_DAY = utc("2025-06-01T08:15:00");
    static final OffsetDateTime DAN_VIEWS_SECOND_DAY = utc("2025-06-02T20:05:00");
    static final OffsetDateTime EVE_CLICKS_MORNING = utc("2025-06-03T08:45:00");
    static final OffsetDateTime EVE_CLICKS_EVENING = utc("2025-06-03T19:50:00");

    /** One shop per test database: the tests of a class share it and only read. */
    private static final Map<TestDatabase, AnalyticsShop> BUILT = new IdentityHashMap<>();

    final Ecommerce shop;
    final Brand sonic;
    final Brand papyrus;
    final Brand idle;
    final Category audio;
    final Category headphonesCategory;
    final Category books;
    final Product headphones;
    final Product earbuds;
    final Product speaker;
    final Product novel;
    final Product atlas;
    final Product cookbook;
    final Product gnome;
    final Customer ada;
    final Customer bob;
    final Customer cyd;
    final Customer dan;
    final Customer eve;
    final Order o1;
    final Order o2;
    final Order o3;
    final Order o4;
    final Order o5;

    /** The shop in {@code db}, built on first use. */
    static synchronized AnalyticsShop in(TestDatabase db) {
        return BUILT.computeIfAbsent(db, d -> {
            try {
                return new AnalyticsShop(d, Ecommerce.create(d.dataSource()));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot build the analytics shop: " + e.getMessage(), e);
            }
        });
    }

    private AnalyticsShop(TestDatabase db, Ecommerce shop) throws SQLException {
        this.shop = shop;
        sonic = shop.catalog().addBrand("Sonic");
        papyrus = shop.catalog().addBrand("Papyrus");
        idle = shop.catalog().addBrand("Idle");
        audio = shop.catalog().addCategory("Audio", null);
        headphonesCategory = shop.catalog().addCategory("Headphones", audio.id());
        books = shop.catalog().addCategory("Books", null);
        headphones = product(shop, "Studio headphones", sonic, headphonesCategory, "100.00", 300);
        earbuds = product(shop, "Earbuds", sonic, headphonesCategory, "50.00", 300);
        speaker = product(shop, "Speaker", sonic, audio, "110.00", 250);
        novel = product(shop, "Novel", papyrus, books, "20.00", 210);
        atlas = product(shop, "Atlas", papyrus, books, "40.00", 100);
        cookbook = product(shop, "Cookbook", papyrus, books, "30.00", 200);
        gnome = product(shop, "Garden gnome", idle, audio, "15.00", 5);

        ada = customer(shop, "Ada", Gender.FEMALE, LocalDate.of(1990, 12, 10));
        bob = customer(shop, "Bob", Gender.MALE, null);
        cyd = customer(shop, "Cyd", Gender.NON_BINARY, null);
        dan = customer(shop, "Dan", Gender.MALE, LocalDate.of(1985, 2, 1));
        eve = customer(shop, "Eve", Gender.FEMALE, null);
        long adaCard = card(shop, ada);
        long adaGift = shop.customers().addGiftCard(ada.id(), new NewGiftCard("GC-ADA", new BigDecimal("300.00"), null)).id();
        long bobCard = card(shop, bob);
        long cydCard = card(shop, cyd);
        shop.customers().addGiftCard(dan.id(), new NewGiftCard("GC-DAN", new BigDecimal("25.00"), null));
        long removed = shop.customers().addGiftCard(dan.id(), new NewGiftCard("GC-DAN-OLD", new BigDecimal("10.00"), null)).id();
        shop.customers().removePaymentMethod(dan.id(), removed);

        o1 = shop.orders().place(PlaceOrder.of(ada.id(), adaCard, "o1", new OrderItem(headphones.id(), 2), new OrderItem(novel.id(), 1)));
        o2 = shop.orders().place(PlaceOrder.of(bob.id(), bobCard, "o2", new OrderItem(earbuds.id(), 3), new OrderItem(novel.id(), 2)));
        o3 = shop.orders().place(PlaceOrder.of(ada.id(), adaGift, "o3", new OrderItem(speaker.id(), 1)));
        o4 = shop.orders().place(new PlaceOrder(cyd.id(), cydCard, List.of(new OrderItem(atlas.id(), 3),
                new OrderItem(earbuds.id(), 1), new OrderItem(cookbook.id(), 3)), new BigDecimal("26.00"), null, "o4"));
        o5 = shop.orders().place(PlaceOrder.of(bob.id(), bobCard, "o5", new OrderItem(novel.id(), 2), new OrderItem(headphones.id(), 1)));

        long r1 = shop.returns().open(OpenReturn.of(o2.id(), "changed my mind", new ReturnItem(novel.id(), 2))).id();
        shop.returns().complete(r1);
        shop.returns().open(OpenReturn.of(o3.id(), "crackles", new ReturnItem(speaker.id(), 1)));
        long r3 = shop.returns().open(OpenReturn.of(o4.id(), "duplicate", new ReturnItem(atlas.id(), 1))).id();
        shop.returns().complete(r3);
        long r4 = shop.returns().open(OpenReturn.of(o5.id(), "too late", new ReturnItem(headphones.id(), 1))).id();
        shop.returns().deny(r4);

        shop.reviews().add(new AddReview(ada.id(), headphones.id(), 5, "Crisp"));

        shop.baskets().add(ada.id(), novel.id(), 1);
        shop.baskets().add(dan.id(), earbuds.id(), 1);
        shop.baskets().add(dan.id(), gnome.id(), 2);
        shop.catalog().changePrice(gnome.id(), new BigDecimal("12.50"));

        try (PlainSql sql = new PlainSql(db)) {
            // The database stamps orders with CURRENT_TIMESTAMP; the month logic under test needs known months.
            placedAt(sql, o1, "2025-01-10T10:00:00");
            placedAt(sql, o2, "2025-01-20T15:00:00");
            placedAt(sql, o3, "2025-03-05T10:00:00");
            placedAt(sql, o4, "2025-03-28T22:30:00");
            placedAt(sql, o5, "2025-04-30T22:30:00");
            // Purchases and reviews are stamped with the current time; pin them so hours of day are known.
            // An interaction never changes: each is recorded again at the pinned time, and the original deleted.
            sql.update("INSERT INTO interaction (customer_id, product_id, type_id, occurred_at) "
                    + "SELECT customer_id, product_id, type_id, ? FROM interaction WHERE type_id IN (4, 5)",
                    INTERACTIONS_PINNED_AT);
            sql.update("DELETE FROM interaction WHERE type_id IN (4, 5) AND occurred_at <> ?", INTERACTIONS_PINNED_AT);
        }
        // Views and clicks, as a tracking service records them.
        for (int i = 0; i < 3; i++) {
            interaction(dan, InteractionKind.VIEW, DAN_VIEWS_FIRST_DAY);
        }
        for (int i = 0; i < 2; i++) {
            interaction(dan, InteractionKind.VIEW, DAN_VIEWS_SECOND_DAY);
        }
        interaction(eve, InteractionKind.CLICK, EVE_CLICKS_MORNING);
        interaction(eve, InteractionKind.CLICK, EVE_CLICKS_EVENING);
    }

    static OffsetDateTime utc(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "Z").withOffsetSameInstant(ZoneOffset.UTC);
    }

    static YearMonth month(String yearMonth) {
        return YearMonth.parse(yearMonth);
    }

    private static Product product(Ecommerce shop, String name, Brand brand, Category category, String price, int stock) {
        return shop.catalog().addProduct(new NewProduct(name, null, brand.id(), category.id(), new BigDecimal(price), stock));
    }

    private static Customer customer(Ecommerce shop, String name, Gender gender, LocalDate birthDate) {
        return shop.customers().register(new RegisterCustomer(name.toLowerCase() + "@example.com", name, birthDate, gender,
                null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), "correct horse battery staple"));
    }

    private static long card(Ecommerce shop, Customer customer) {
        return shop.customers().addCreditCard(customer.id(), new NewCreditCard("visa", customer.name(), "4242",
                YearMonth.now().plusYears(2), "tok_" + customer.name())).id();
    }

    private static void placedAt(PlainSql sql, Order order, String utc) throws SQLException {
        sql.update("UPDATE orders SET placed_at = ? WHERE id = ?", utc(utc), order.id());
    }

    private void interaction(Customer customer, InteractionKind kind, OffsetDateTime at) {
        shop.interactions().record(customer.id(), gnome.id(), kind, at.toInstant());
    }
}
