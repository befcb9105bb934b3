package org.ecommerce.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecommerce.cli.console.TextTable;
import org.ecommerce.cli.transfer.ShopContents;
import org.ecommerce.cli.report.RowFormat;
import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.InvalidStatusTransitionException;
import org.ecommerce.dao.PageRequest;
import org.ecommerce.dao.ReviewNotAllowedException;
import org.ecommerce.dao.basket.Basket;
import org.ecommerce.dao.basket.BasketLine;
import org.ecommerce.dao.basket.Checkout;
import org.ecommerce.dao.catalog.Brand;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.PaymentMethod;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.OrderLine;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.dao.returns.OpenReturn;
import org.ecommerce.dao.returns.OrderReturn;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.queries.AnalyticsQuery;
import org.ecommerce.queries.CustomersWithoutPurchase;
import org.ecommerce.queries.LowStockProducts;
import org.ecommerce.queries.MonthlySalesGrowth;
import org.ecommerce.queries.TopBrandsBySales;
import org.ecommerce.queries.TopCustomersByExpenditure;
import org.ecommerce.queries.TopSellersPerCategoryWithRevenue;
import org.ecommerce.dao.review.ProductReviews;
import org.ecommerce.dao.review.Review;

/**
 * The demo's story, one method per section, each calling only the public API
 * ({@link Ecommerce}) and printing what it did as tables.
 *
 * <p>Two sections are extension points for modules still being built:
 * {@link #analyticsReports()} (the typed queries of {@code ecommerce-queries}) and
 * {@link #recommendations(Customer)} (recommendations and "also bought").
 */
final class DemoWalkthrough {

    private final Ecommerce shop;
    private final PrintWriter out;
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<Long, String> brandNames = new LinkedHashMap<>();
    private final Map<Long, String> categoryNames = new LinkedHashMap<>();
    private final List<Customer> shoppers = new ArrayList<>();
    private final Map<Long, CreditCard> cards = new LinkedHashMap<>();
    private int section;

    DemoWalkthrough(Ecommerce shop, PrintWriter out) {
        this.shop = shop;
        this.out = out;
    }

    /** Tells the whole story. */
    void run() {
        catalogue();
        customers();
        otherCustomersShop();
        Customer ada = register();
        GiftCard giftCard = paymentMethods(ada);
        basket(ada);
        Order order = checkout(ada, giftCard);
        delivery(order);
        productReturn(ada, order, giftCard);
        review(ada);
        reviewByNonBuyer();
        analyticsReports();
        recommendations(ada);
        summary();
    }

    /** Brands, a category tree and a dozen products, through the catalogue repository. */
    void catalogue() {
        heading("Catalogue: brands, a category tree, products");
        Brand acme = brand("Acme Tools");
        Brand lumen = brand("Lumen Home");
        Brand northwind = brand("Northwind Outdoor");
        Brand sonora = brand("Sonora Audio");
        Category home = category("Home & Garden", null);
        Category tools = category("Tools", home);
        Category kitchen = category("Kitchen", home);
        Category outdoors = category("Outdoors", null);
        Category camping = category("Camping", outdoors);
        Category audio = category("Audio", category("Electronics", null));
        product("Claw hammer", "16 oz, fibreglass handle", acme, tools, "19.90", 40);
        product("Cordless drill 18V", "two batteries, charger", acme, tools, "89.00", 15);
        product("Hand saw", null, acme, tools, "25.00", 20);
        product("Cast-iron skillet 26 cm", "pre-seasoned", lumen, kitchen, "39.50", 25);
        product("Chef's knife 20 cm", null, lumen, kitchen, "54.00", 18);
        product("French press 1 l", null, lumen, kitchen, "29.90", 30);
        product("Two-person tent", "3 kg, 3 seasons", northwind, camping, "149.00", 8);
        product("Down sleeping bag", "comfort -5 C", northwind, camping, "119.00", 10);
        product("Headlamp 300 lm", null, northwind, camping, "24.50", 50);
        product("Wireless headphones", "noise cancelling", sonora, audio, "129.00", 12);
        product("Bluetooth speaker", null, sonora, audio, "59.00", 20);
        product("Turntable", "belt drive", sonora, audio, "249.00", 4);
        TextTable table = new TextTable("id", "product", "brand", "category", "price", "stock");
        products.values().forEach(p -> table.row(p.id(), p.name(), brandNames.get(p.brandId()),
                categoryNames.get(p.categoryId()), p.price(), p.stock()));
        table.print(out);
        long inTools = shop.catalog().byCategory(home.id(), PageRequest.first(50)).items().size();
        out.printf("Browsing \"Home & Garden\" includes its subcategories Tools and Kitchen: %d products.%n", inTools);
    }

    /** Customers with their addresses and a credit card each (a processor token, never a card number). */
    void customers() {
        heading("Customers, each with a credit card (kept as a processor token, never a card number)");
        shopper("Grace Hopper", "grace@example.com", Gender.FEMALE, new Address(null, "1 Compiler Way", "Arlington", "VA", "22201", "US"));
        shopper("Alan Turing", "alan@example.com", Gender.MALE, Address.of("2 Bletchley Lane", "Milton Keynes", "MK3 6EB", "GB"));
        shopper("Marie Curie", "marie@example.com", Gender.FEMALE, Address.of("11 rue Pierre et Marie Curie", "Paris", "75005", "FR"));
        shopper("Emmy Noether", "emmy@example.com", Gender.FEMALE, Address.of("Bunsenstrasse 3", "Goettingen", "37073", "DE"));
        shopper("Sam Rivera", "sam@example.com", Gender.NON_BINARY, Address.of("Calle Mayor 5", "Madrid", "28013", "ES"));
        shopper("Bob Smith", "bob@example.com", null, Address.of("3 High Street", "York", "YO1 7HH", "GB"));
        TextTable table = new TextTable("id", "name", "email", "city", "country", "card");
        shoppers.forEach(c -> table.row(c.id(), c.name(), c.email(), c.address().city(), c.address().country(),
                cards.get(c.id()).brand() + " *" + cards.get(c.id()).lastFour()));
        table.print(out);
    }

    /** A few orders by the other customers, so that the shop has a history (Bob buys nothing). */
    void otherCustomersShop() {
        heading("Other customers' orders");
        TextTable table = new TextTable("order", "customer", "items", "total");
        int request = 0;
        String[][] baskets = {
            {"Grace Hopper", "Wireless headphones", "Bluetooth speaker"},
            {"Grace Hopper", "Turntable"},
            {"Alan Turing", "Cordless drill 18V", "Hand saw", "Headlamp 300 lm"},
            {"Marie Curie", "Cast-iron skillet 26 cm", "French press 1 l"},
            {"Marie Curie", "Chef's knife 20 cm"},
            {"Emmy Noether", "Two-person tent", "Down sleeping bag", "Headlamp 300 lm", "Headlamp 300 lm"},
            {"Sam Rivera", "Bluetooth speaker", "French press 1 l"},
        };
        for (String[] basket : baskets) {
            Customer customer = shoppers.stream().filter(c -> c.name().equals(basket[0])).findFirst().orElseThrow();
            List<OrderItem> items = new ArrayList<>();
            for (int i = 1; i < basket.length; i++) {
                items.add(new OrderItem(products.get(basket[i]).id(), 1));
            }
            Order order = shop.orders().place(new PlaceOrder(customer.id(), cards.get(customer.id()).id(), items, null, null,
                    "demo-history-" + ++request));
            shop.deliveries().moveTo(order.id(), DeliveryStatus.DELIVERED);
            table.row(order.number(), customer.name(), describe(order.lines()), order.grandTotal());
        }
        table.print(out);
        shop.reviews().add(new AddReview(customer("Grace Hopper").id(), products.get("Wireless headphones").id(), 5,
                "Quiet flights at last."));
        shop.reviews().add(new AddReview(customer("Emmy Noether").id(), products.get("Headlamp 300 lm").id(), 4,
                "Bright, light, lasts a weekend."));
        out.println("All delivered; Grace and Emmy reviewed what they bought.");
    }

    /** Ada opens an account: the password is stored only as an Argon2id hash. */
    Customer register() {
        heading("Ada registers");
        Customer ada = shop.customers().register(new RegisterCustomer("ada@example.com", "Ada Lovelace", null, Gender.FEMALE,
                "+44 20 7946 0000", new Address("Flat 2", "12 Analytical Row", "London", null, "N1 9GU", "GB"),
                "difference engine"));
        out.printf("Customer %d, %s <%s>, %s. Her password is stored only as an Argon2id hash.%n", ada.id(), ada.name(),
                ada.email(), ada.address().city());
        out.printf("Signing in as ADA@example.com with her password: %s; with a wrong one: %s.%n",
                shop.customers().authenticate("ADA@example.com", "difference engine").isPresent() ? "accepted" : "refused",
                shop.customers().authenticate("ada@example.com", "analytical engine").isPresent() ? "accepted" : "refused");
        return ada;
    }

    /** A credit card (the first method becomes the default) and a gift card, which she then makes the default. */
    GiftCard paymentMethods(Customer ada) {
        heading("Ada's payment methods");
        shop.customers().addCreditCard(ada.id(), new NewCreditCard("visa", "A LOVELACE", "4242", YearMonth.now().plusYears(3),
                "tok_demo_ada_visa"));
        GiftCard gift = shop.customers().addGiftCard(ada.id(), new NewGiftCard("GC-DEMO-0001", new BigDecimal("100.00"), null));
        shop.customers().chooseDefault(ada.id(), gift.id());
        printPaymentMethods(ada);
        return gift;
    }

    /** She fills her basket, changes her mind about one quantity. */
    void basket(Customer ada) {
        heading("Ada's basket");
        shop.baskets().add(ada.id(), products.get("Claw hammer").id(), 1);
        shop.baskets().add(ada.id(), products.get("French press 1 l").id(), 1);
        shop.baskets().add(ada.id(), products.get("Headlamp 300 lm").id(), 3);
        Basket basket = shop.baskets().changeQuantity(ada.id(), products.get("Headlamp 300 lm").id(), 1);
        shop.baskets().add(ada.id(), products.get("Claw hammer").id(), 1);
        basket = shop.baskets().view(ada.id());
        TextTable table = new TextTable("product", "quantity", "unit price", "subtotal", "in stock");
        for (BasketLine line : basket.lines()) {
            table.row(line.productName(), line.quantity(), line.unitPrice(), line.subtotal(), line.inStock() ? "yes" : "no");
        }
        table.print(out);
        out.printf("Basket total: %s%n", basket.total().toPlainString());
    }

    /** Checkout with the gift card: stock taken, card debited, delivery created, basket emptied. */
    Order checkout(Customer ada, GiftCard gift) {
        heading("Checkout with the gift card");
        int hammersBefore = shop.catalog().get(products.get("Claw hammer").id()).stock();
        Order order = shop.baskets().checkout(ada.id(), Checkout.with(gift.id(), "demo-ada-checkout-1"));
        TextTable table = new TextTable("product", "quantity", "unit price", "subtotal");
        order.lines().forEach(l -> table.row(name(l.productId()), l.quantity(), l.unitPrice(), l.subtotal()));
        table.print(out);
        out.printf("Order %s: total %s, grand total %s, paid by gift card %s.%n", order.number(), order.total().toPlainString(),
                order.grandTotal().toPlainString(), gift.serial());
        out.printf("Claw hammers in stock: %d before, %d after. Gift card balance: %s. Basket now empty: %s.%n", hammersBefore,
                shop.catalog().get(products.get("Claw hammer").id()).stock(), balance(ada, gift).toPlainString(),
                shop.baskets().view(ada.id()).isEmpty() ? "yes" : "no");
        Order retried = shop.baskets().checkout(ada.id(), Checkout.with(gift.id(), "demo-ada-checkout-1"));
        out.printf("A retry of the same checkout (same idempotency key) returns order %s again; nothing is charged twice.%n",
                retried.number());
        return order;
    }

    /** The delivery moves along its allowed statuses; a move back from delivered is refused. */
    void delivery(Order order) {
        heading("Delivery of order " + order.number());
        TextTable table = new TextTable("step", "status", "tracking number", "delivered at");
        var delivery = shop.deliveries().forOrder(order.id());
        table.row(1, delivery.status().dbValue(), delivery.trackingNumber(), delivery.deliveredAt());
        delivery = shop.deliveries().moveTo(order.id(), DeliveryStatus.POSTPONED);
        table.row(2, delivery.status().dbValue(), delivery.trackingNumber(), delivery.deliveredAt());
        delivery = shop.deliveries().moveTo(order.id(), DeliveryStatus.DELIVERED);
        table.row(3, delivery.status().dbValue(), delivery.trackingNumber(), delivery.deliveredAt());
        table.print(out);
        try {
            shop.deliveries().moveTo(order.id(), DeliveryStatus.PENDING);
            out.println("Moving it back to pending was accepted (unexpected).");
        } catch (InvalidStatusTransitionException refused) {
            out.println("Moving it back to pending is refused: " + refused.getMessage() + ".");
        }
    }

    /** She returns one hammer: refunded to the gift card, back in stock. */
    void productReturn(Customer ada, Order order, GiftCard gift) {
        heading("Ada returns one claw hammer");
        long hammer = products.get("Claw hammer").id();
        int stockBefore = shop.catalog().get(hammer).stock();
        OrderReturn opened = shop.returns().open(OpenReturn.of(order.id(), "Too heavy for me", new ReturnItem(hammer, 1)));
        OrderReturn completed = shop.returns().complete(opened.id());
        TextTable table = new TextTable("return", "ticket", "status", "due on", "refund");
        table.row(opened.id(), opened.ticketNumber(), opened.status().dbValue(), opened.dueOn(), opened.refundTotal());
        table.row(completed.id(), completed.ticketNumber(), completed.status().dbValue(), completed.dueOn(), completed.refundTotal());
        table.print(out);
        out.printf("Claw hammers in stock: %d before, %d after. Gift card balance: %s.%n", stockBefore,
                shop.catalog().get(hammer).stock(), balance(ada, gift).toPlainString());
    }

    /** A buyer's review, and the product's reviews with their average. */
    void review(Customer ada) {
        heading("Ada reviews what she bought");
        long pressId = products.get("French press 1 l").id();
        shop.reviews().add(new AddReview(ada.id(), pressId, 4, "Good coffee, the lid rattles a bit."));
        shop.reviews().add(new AddReview(customer("Marie Curie").id(), pressId, 5, "Perfect for two."));
        ProductReviews reviews = shop.reviews().forProduct(pressId, PageRequest.first(10));
        TextTable table = new TextTable("review", "customer", "rating", "text");
        for (Review r : reviews.reviews()) {
            table.row(r.id(), shop.customers().get(r.customerId()).name(), r.rating(), r.body());
        }
        table.print(out);
        out.printf("French press 1 l: %d reviews, average rating %s.%n", reviews.count(), reviews.averageRating().toPlainString());
    }

    /** Bob never bought the hammer: the library (and the database beneath it) refuse his review. */
    void reviewByNonBuyer() {
        heading("A review by someone who did not buy the product");
        Customer bob = customer("Bob Smith");
        long hammer = products.get("Claw hammer").id();
        try {
            shop.reviews().add(new AddReview(bob.id(), hammer, 1, "Never had one, but I dislike hammers."));
            out.println("Bob's review was accepted (unexpected).");
        } catch (ReviewNotAllowedException refused) {
            out.println("Refused: " + refused.getMessage() + ".");
        }
        out.printf("Reviews of the claw hammer: %d.%n", shop.reviews().forProduct(hammer, PageRequest.first(1)).count());
    }

    /** A selection of the analytics reports of {@code ecommerce-queries}, over the data above. */
    void analyticsReports() {
        heading("Analytics: a few of the thirteen reports (all of them: ecommerce report --help)");
        report("Top customers by expenditure", TopCustomersByExpenditure.top(3), TopCustomersByExpenditure.Row.class);
        report("Best seller of each category", TopSellersPerCategoryWithRevenue.top(1),
                TopSellersPerCategoryWithRevenue.Row.class);
        report("Top brands by sales", TopBrandsBySales.top(3), TopBrandsBySales.Row.class);
        report("Products with fewer than 30 in stock", LowStockProducts.below(30), LowStockProducts.Row.class);
        report("Customers without any purchase", CustomersWithoutPurchase.all(), CustomersWithoutPurchase.Row.class);
        report("Monthly sales net of completed returns", MonthlySalesGrowth.in(ZoneOffset.UTC),
                MonthlySalesGrowth.Row.class);
    }

    private <R extends Record> void report(String title, AnalyticsQuery<R> query, Class<R> rowType) {
        out.println(title + ":");
        try (Stream<R> rows = query.stream(shop)) {
            RowFormat.TABLE.print(rowType, rows, out);
        }
        out.println();
    }

    /** Recommendations for Ada and "customers who bought this also bought". */
    void recommendations(Customer ada) {
        heading("Recommendations");
        // scores follow every interaction by themselves; the co-purchase table needs a rebuild
        shop.recommendations().rebuildAll();
        out.println("For " + ada.name() + " (not what she bought, nothing out of stock):");
        RecommendationsTable.print(shop, shop.recommendations().topFor(ada.id(), 5), out);
        Product hammer = products.get("Claw hammer");
        out.println();
        out.println("Customers who bought the " + hammer.name().toLowerCase(java.util.Locale.ROOT) + " also bought:");
        var alsoBought = shop.recommendations().alsoBought(hammer.id(), 5);
        if (alsoBought.isEmpty()) {
            out.println("Nothing yet: a pair counts once at least two customers have bought both.");
        } else {
            RecommendationsTable.print(shop, alsoBought, out);
        }
    }

    /** What the database holds now. */
    void summary() {
        heading("What the database holds now");
        TextTable table = new TextTable("table", "rows");
        ShopContents.rowCounts(shop.dataSource()).forEach(table::row);
        table.print(out);
    }

    // ---- helpers of the story ------------------------------------------------------------

    private void heading(String title) {
        out.println();
        out.println("== " + ++section + ". " + title);
        out.println();
    }

    private Brand brand(String name) {
        Brand brand = shop.catalog().addBrand(name);
        brandNames.put(brand.id(), name);
        return brand;
    }

    private Category category(String name, Category parent) {
        Category category = shop.catalog().addCategory(name, parent == null ? null : parent.id());
        categoryNames.put(category.id(), parent == null ? name : categoryNames.get(parent.id()) + " > " + name);
        return category;
    }

    private void product(String name, String description, Brand brand, Category category, String price, int stock) {
        products.put(name, shop.catalog().addProduct(new NewProduct(name, description, brand.id(), category.id(),
                new BigDecimal(price), stock)));
    }

    private void shopper(String name, String email, Gender gender, Address address) {
        Customer customer = shop.customers().register(new RegisterCustomer(email, name, null, gender, null, address,
                "demo password " + email));
        String token = "tok_demo_" + email.substring(0, email.indexOf('@'));
        cards.put(customer.id(), shop.customers().addCreditCard(customer.id(), new NewCreditCard(
                shoppers.size() % 2 == 0 ? "visa" : "mastercard", name.toUpperCase(java.util.Locale.ROOT),
                String.format("%04d", 1111 * (shoppers.size() + 1) % 10000), YearMonth.now().plusYears(2), token)));
        shoppers.add(customer);
    }

    private Customer customer(String name) {
        return shoppers.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private String name(long productId) {
        return products.values().stream().filter(p -> p.id() == productId).map(Product::name).findFirst().orElseThrow();
    }

    private String describe(List<OrderLine> lines) {
        List<String> parts = new ArrayList<>();
        lines.forEach(l -> parts.add((l.quantity() > 1 ? l.quantity() + " x " : "") + name(l.productId())));
        return String.join(", ", parts);
    }

    private void printPaymentMethods(Customer customer) {
        TextTable table = new TextTable("id", "kind", "details", "default");
        for (PaymentMethod method : shop.customers().paymentMethods(customer.id())) {
            switch (method) {
                case CreditCard card -> table.row(card.id(), "credit card", card.brand() + " *" + card.lastFour()
                        + " expires " + card.expires(), card.isDefault() ? "yes" : "");
                case GiftCard card -> table.row(card.id(), "gift card", card.serial() + ", balance "
                        + card.balance().toPlainString(), card.isDefault() ? "yes" : "");
            }
        }
        table.print(out);
    }

    private BigDecimal balance(Customer customer, GiftCard gift) {
        return shop.customers().paymentMethods(customer.id()).stream()
                .filter(m -> m.id() == gift.id()).map(m -> ((GiftCard) m).balance()).findFirst().orElseThrow();
    }
}
