package org.ecommerce.cli.generate;

import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.CREDIT_CARD;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;
import static org.ecommerce.schema.jooq.Tables.REVIEW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.ecommerce.cli.console.Progress;
import org.ecommerce.cli.generate.SyntheticShop.Event;
import org.ecommerce.cli.generate.SyntheticShop.Order;
import org.ecommerce.cli.generate.SyntheticShop.OrderLine;
import org.ecommerce.cli.generate.SyntheticShop.Product;
import org.ecommerce.cli.generate.SyntheticShop.Review;
import org.ecommerce.cli.generate.SyntheticShop.Shopper;
import org.ecommerce.cli.transfer.TableFile;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Writes a {@link SyntheticShop#stream streamed} shop as the CSV files that {@code import} reads,
 * one per table, row by row: nothing is held in memory whatever the number of orders. The import
 * then moves them into the database through every rule (stock taken by the order lines, order
 * totals checked against the lines, returns restocking, reviews only by buyers, scores derived from
 * the interactions), exactly as it loads an exported shop. Ids are given explicitly; customers
 * have no password (they cannot sign in until one is set).
 */
public final class GeneratedShopFiles implements AutoCloseable {

    private static final OffsetDateTime OPENED = OffsetDateTime.of(2023, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken",
        "Margaret", "Dennis", "Radia", "Tim", "Hedy", "Linus", "Karen", "Niklaus", "Sophie", "John", "Shafi", "Leslie"};
    private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
        "Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Lamarr", "Torvalds", "Jones", "Wirth", "Wilson"};
    private static final String[][] CITIES = {{"Leeds", "LS1 1AA", "GB"}, {"Lyon", "69001", "FR"}, {"Porto", "4000-001", "PT"},
        {"Berlin", "10115", "DE"}, {"Utrecht", "3511 AA", "NL"}, {"Dublin", "D01 F5P2", "IE"}, {"Turin", "10121", "IT"}};
    private static final String[] REVIEW_BODIES = {"Does not work as described.", "Disappointing.", "It is fine.",
        "Good value, would buy again.", "Excellent, exactly what I needed."};

    private final SyntheticShop.Size size;
    private final Map<String, Short> interactionTypes;
    private final Map<String, Long> written = new LinkedHashMap<>();
    private final List<TableFile> files = new ArrayList<>();
    private final Path directory;
    private final TableFile customers;
    private final TableFile paymentMethods;
    private final TableFile creditCards;
    private final TableFile orders;
    private final TableFile orderLines;
    private final TableFile returns;
    private final TableFile returnLines;
    private final TableFile reviews;
    private final TableFile interactions;
    private BigDecimal[] prices;
    private long orderId;
    private long returnId;
    private long reviewId;
    private long interactionId;

    private GeneratedShopFiles(Path directory, SyntheticShop.Size size, Map<String, Short> interactionTypes) throws IOException {
        this.directory = directory;
        this.size = size;
        this.interactionTypes = interactionTypes;
        customers = file(CUSTOMER, CUSTOMER.ID, CUSTOMER.EMAIL, CUSTOMER.NAME, CUSTOMER.GENDER, CUSTOMER.ADDRESS_STREET,
                CUSTOMER.ADDRESS_CITY, CUSTOMER.ADDRESS_POSTCODE, CUSTOMER.ADDRESS_COUNTRY, CUSTOMER.PASSWORD_HASH,
                CUSTOMER.CREATED_AT);
        paymentMethods = file(PAYMENT_METHOD, PAYMENT_METHOD.ID, PAYMENT_METHOD.CUSTOMER_ID, PAYMENT_METHOD.KIND,
                PAYMENT_METHOD.IS_DEFAULT, PAYMENT_METHOD.EXPIRES_ON, PAYMENT_METHOD.CREATED_AT);
        creditCards = file(CREDIT_CARD, CREDIT_CARD.PAYMENT_METHOD_ID, CREDIT_CARD.BRAND, CREDIT_CARD.HOLDER_NAME,
                CREDIT_CARD.LAST_FOUR, CREDIT_CARD.PROCESSOR_TOKEN);
        orders = file(ORDERS, ORDERS.ID, ORDERS.CUSTOMER_ID, ORDERS.PAYMENT_METHOD_ID, ORDERS.PLACED_AT, ORDERS.TOTAL,
                ORDERS.GRAND_TOTAL, ORDERS.NUMBER);
        orderLines = file(ORDER_LINE, ORDER_LINE.ORDER_ID, ORDER_LINE.PRODUCT_ID, ORDER_LINE.QUANTITY, ORDER_LINE.UNIT_PRICE,
                ORDER_LINE.SUBTOTAL);
        returns = file(ORDER_RETURN, ORDER_RETURN.ID, ORDER_RETURN.ORDER_ID, ORDER_RETURN.TICKET_NUMBER, ORDER_RETURN.STATUS,
                ORDER_RETURN.STARTED_ON, ORDER_RETURN.DUE_ON, ORDER_RETURN.REASON, ORDER_RETURN.CLOSED_AT);
        returnLines = file(RETURN_LINE, RETURN_LINE.RETURN_ID, RETURN_LINE.ORDER_ID, RETURN_LINE.PRODUCT_ID, RETURN_LINE.QUANTITY);
        reviews = file(REVIEW, REVIEW.ID, REVIEW.CUSTOMER_ID, REVIEW.PRODUCT_ID, REVIEW.RATING, REVIEW.BODY, REVIEW.REVIEWED_AT);
        interactions = file(INTERACTION, INTERACTION.ID, INTERACTION.CUSTOMER_ID, INTERACTION.PRODUCT_ID, INTERACTION.TYPE_ID,
                INTERACTION.OCCURRED_AT);
    }

    /**
     * Writes the shop of {@code size} with exactly {@code targets} orders and interactions as CSV
     * files into {@code directory}, reporting customers done to {@code progress};
     * {@code interactionTypes} are the database's type ids by name.
     *
     * @return the rows written per table, in the order tables were first written
     */
    public static Map<String, Long> write(Path directory, SyntheticShop.Size size, SyntheticShop.Targets targets,
                                          Map<String, Short> interactionTypes, Progress progress) throws IOException {
        try (GeneratedShopFiles writer = new GeneratedShopFiles(directory, size, interactionTypes)) {
            writer.catalogue();
            try {
                SyntheticShop.stream(size, targets, shopper -> {
                    try {
                        writer.shopper(shopper);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.step(1);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return writer.written;
        }
    }

    private void catalogue() throws IOException {
        try (TableFile categories = TableFile.create(directory, CATEGORY, CATEGORY.ID, CATEGORY.NAME)) {
            for (int c = 0; c < size.categories(); c++) {
                row(categories, "category", c + 1L, "Category " + (c + 1));
            }
        }
        try (TableFile brands = TableFile.create(directory, BRAND, BRAND.ID, BRAND.NAME)) {
            for (int b = 0; b < size.brands(); b++) {
                row(brands, "brand", b + 1L, "Brand " + (b + 1));
            }
        }
        prices = new BigDecimal[size.products()];
        try (TableFile products = TableFile.create(directory, PRODUCT, PRODUCT.ID, PRODUCT.NAME, PRODUCT.BRAND_ID,
                PRODUCT.CATEGORY_ID, PRODUCT.PRICE, PRODUCT.STOCK, PRODUCT.CREATED_AT)) {
            // each product's stock after every sale and return; the import gives it the units its lines sell first
            for (Product p : SyntheticShop.products(size)) {
                prices[p.index()] = price(p.index());
                row(products, "product", p.index() + 1L, "Product " + (p.index() + 1) + " of brand " + (p.brand() + 1),
                        p.brand() + 1L, p.category() + 1L, prices[p.index()], p.stock(), OPENED);
            }
        }
    }

    /** Prices spread over two orders of magnitude, most of them cheap. */
    private BigDecimal price(int product) {
        SplittableRandom random = new SplittableRandom(size.seed() * 131L + product);
        long cents = Math.round(Math.exp(Math.log(299) + random.nextDouble() * Math.log(300))) ;
        return BigDecimal.valueOf(cents / 100 * 100 + 99, 2);
    }

    private void shopper(Shopper shopper) throws IOException {
        long customer = shopper.customer() + 1L;
        SplittableRandom random = new SplittableRandom(size.seed() * 17L + customer);
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String[] city = CITIES[random.nextInt(CITIES.length)];
        OffsetDateTime registered = OPENED.plusMinutes(random.nextInt(60 * 24 * 30));
        row(customers, "customer", customer, first.toLowerCase() + "." + customer + "@example.com", first + " " + last,
                random.nextInt(10) < 1 ? "undisclosed" : random.nextBoolean() ? "female" : "male",
                (1 + random.nextInt(200)) + " High Street", city[0], city[1], city[2], null, registered);
        row(paymentMethods, "payment_method", customer, customer, "credit_card", true,
                LocalDate.of(2027 + random.nextInt(4), 1 + random.nextInt(12), 1), registered);
        row(creditCards, "credit_card", customer, random.nextBoolean() ? "visa" : "mastercard", first + " " + last,
                String.format("%04d", random.nextInt(10_000)), "tok_generated_" + customer);
        for (Order order : shopper.orders()) {
            long id = ++orderId;
            // the total the database will check against the lines (into an empty shop the import
            // then writes each order once, after its lines)
            BigDecimal total = BigDecimal.ZERO;
            for (OrderLine line : order.lines()) {
                total = total.add(subtotal(line));
            }
            row(orders, "orders", id, customer, customer, utc(order.at()), total, total, orderNumber(id));
            for (OrderLine line : order.lines()) {
                row(orderLines, "order_line", id, line.product() + 1L, line.quantity(), prices[line.product()], subtotal(line));
            }
            if (order.returned() != null) {
                long ret = ++returnId;
                LocalDate started = order.returned().at().atOffset(ZoneOffset.UTC).toLocalDate();
                row(returns, "order_return", ret, id, "RET-" + ret, "completed", started, started.plusDays(14),
                        "Not what I expected", utc(order.returned().at().plus(Duration.ofDays(5))));
                row(returnLines, "return_line", ret, id, order.returned().product() + 1L, order.returned().quantity());
            }
        }
        for (Review review : shopper.reviews()) {
            row(reviews, "review", ++reviewId, customer, review.product() + 1L, review.rating(),
                    REVIEW_BODIES[review.rating() - 1], utc(review.at()));
        }
        for (Event event : shopper.events()) {
            row(interactions, "interaction", ++interactionId, customer, event.product() + 1L,
                    interactionTypes.get(event.type()), utc(event.at()));
        }
    }

    private BigDecimal subtotal(OrderLine line) {
        return prices[line.product()].multiply(BigDecimal.valueOf(line.quantity()));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private TableFile file(Table<?> table, Field<?>... columns) throws IOException {
        TableFile file = TableFile.create(directory, table, columns);
        files.add(file);
        return file;
    }

    private void row(TableFile file, String table, Object... values) throws IOException {
        file.row(values);
        written.merge(table, 1L, Long::sum);
    }

    @Override
    public void close() throws IOException {
        for (TableFile file : files) {
            file.close();
        }
    }

    /**
     * The order's number in the shape the database draws ('ORD-' and 15 hexadecimal digits), drawn
     * from the seed instead, so that the same seed gives the same shop, numbers included.
     */
    private String orderNumber(long orderId) {
        long bits = new SplittableRandom(size.seed() * 7_919L + orderId).nextLong() >>> 4;
        return "ORD-%015X".formatted(bits);
    }
}
