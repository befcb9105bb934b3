package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.BASKET_LINE;
import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Tables.CREDIT_CARD;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.DELIVERY;
import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;
import static org.ecommerce.schema.jooq.Tables.REVIEW;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.delivery.DeliveryStatus;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.returns.ReturnItem;
import org.ecommerce.dao.returns.ReturnStatus;
import org.ecommerce.dao.review.AddReview;
import org.ecommerce.schema.h2.EmailKeys;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/**
 * The rules every imported row must pass, checked before anything is written so that each
 * refusal names its file, line and column. They are the library's rules: the fields go through
 * the API's own request records (RegisterCustomer, NewProduct, OrderItem, AddReview, ...), and
 * the database's rules are replayed on the file set (keys, references, totals equal to their
 * lines, reviews only by buyers, returns within what was bought). The database checks them all
 * again when the rows are written.
 */
final class ImportRules {

    // the schema's customer_password_is_hash (V24), so that a line is refused with its number before the load
    private static final Pattern PASSWORD_HASH = Pattern.compile("^[$]argon2id[$]v=19[$]m=[1-9][0-9]{0,9},t=[1-9][0-9]{0,9},"
            + "p=[1-9][0-9]{0,7}[$][A-Za-z0-9+/]{22,}[$][A-Za-z0-9+/]{43,}$");
    // RegisterCustomer wants a password; the import carries only the hash, checked on its own
    private static final String ANY_VALID_PASSWORD = "placeholder password";

    private final ImportFileSet files;
    private final ImportProblems problems;
    private final Map<String, Map<List<Object>, ImportRow>> keyIndexes = new HashMap<>();
    private Map<Long, Long> unitsSold;

    ImportRules(ImportFileSet files, ImportProblems problems) {
        this.files = files;
        this.problems = problems;
    }

    /**
     * Checks every row of every file, rejecting those that break a rule: the held tables first,
     * then the streamed ones (see {@link ImportFileSet#STREAMED}), read row by row against the
     * held tables' final state.
     *
     * @throws IOException if a streamed file cannot be read
     */
    void check() throws IOException {
        for (ShopTable table : ShopTable.values()) {
            List<ImportRow> rows = files.rows(table);
            uniqueKeys(table, rows);
            references(table, rows);
            switch (table) {
                case CUSTOMER_TABLE -> rows.forEach(this::customer);
                case BRAND_TABLE -> rows.forEach(row -> api(row, () -> Validation.text("name", row.get(BRAND.NAME), 100)));
                case CATEGORY_TABLE -> categories(rows);
                case PRODUCT_TABLE -> rows.forEach(this::product);
                case BASKET_LINE_TABLE -> rows.forEach(row ->
                        api(row, () -> Validation.positive("quantity", row.get(BASKET_LINE.QUANTITY))));
                case PAYMENT_METHOD_TABLE -> paymentMethods(rows);
                case CREDIT_CARD_TABLE -> rows.forEach(this::creditCard);
                case GIFT_CARD_TABLE -> rows.forEach(this::giftCard);
                case ORDERS_TABLE -> rows.forEach(this::order);
                case ORDER_LINE_TABLE -> orderLines(rows);
                case DELIVERY_TABLE -> rows.forEach(this::delivery);
                case ORDER_RETURN_TABLE -> rows.forEach(this::orderReturn);
                case RETURN_LINE_TABLE -> returnLines(rows);
                case REVIEW_TABLE -> reviews(rows);
                case INTERACTION_TYPE_TABLE -> rows.forEach(row -> api(row, () -> {
                    Validation.text("name", row.get(INTERACTION_TYPE.NAME), 32);
                    Validation.required("weight", row.get(INTERACTION_TYPE.WEIGHT));
                    if (row.get(INTERACTION_TYPE.WEIGHT).signum() < 0) {
                        throw new ValidationException("weight", "must not be negative");
                    }
                }));
                default -> {
                    // basket, interaction, recommendation_score: keys and references say it all
                }
            }
        }
        // a row rejected by a later rule (an order whose lines do not add up) takes the rows
        // that refer to it along
        int rejected;
        do {
            rejected = rejectedCount();
            for (ShopTable table : ShopTable.values()) {
                references(table, files.rows(table));
            }
        } while (rejectedCount() != rejected);
        for (ShopTable table : ImportFileSet.STREAMED) {
            checkStreamed(table);
        }
    }

    /** A streamed table: its keys and references, one row at a time, keeping only what the uniqueness check needs. */
    private void checkStreamed(ShopTable table) throws IOException {
        if (!files.hasFile(table)) {
            return;
        }
        List<UniqueCheck> keys = table.table().getKeys().stream().map(UniqueCheck::new).toList();
        List<ReferenceCheck> references = referenceChecks(table);
        try {
            files.checkStreamed(table, problems, row -> {
                for (UniqueCheck key : keys) {
                    key.check(row);
                }
                references(references, List.of(row));
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("checking writes nothing", e);
        }
    }

    /** One unique key of a streamed table: the first line of each value seen, primitive for a whole-number key. */
    private final class UniqueCheck {
        private final List<? extends TableField<?, ?>> fields;
        private final LongLineMap wholeNumbers;
        private final Map<List<Object>, Long> values;

        UniqueCheck(UniqueKey<?> key) {
            this.fields = key.getFields();
            boolean wholeNumber = fields.size() == 1 && Number.class.isAssignableFrom(fields.get(0).getType())
                    && !BigDecimal.class.equals(fields.get(0).getType()) && !Double.class.equals(fields.get(0).getType());
            this.wholeNumbers = wholeNumber ? new LongLineMap() : null;
            this.values = wholeNumber ? null : new HashMap<>();
        }

        void check(ImportRow row) {
            List<Object> key = values(row, fields);
            if (key == null) {
                return; // NULLs never collide
            }
            long first = wholeNumbers != null
                    ? wholeNumbers.putIfAbsent(((Number) key.get(0)).longValue(), row.line())
                    : values.getOrDefault(key, 0L);
            if (wholeNumbers == null && first == 0) {
                values.put(key, row.line());
            }
            if (first != 0 && !row.rejected()) {
                problems.reject(row, names(fields), "the value " + show(key) + " is already on line " + first
                        + " (must be unique)");
            }
        }
    }

    // ---- keys and references, from the generated schema -------------------------------------

    private void uniqueKeys(ShopTable table, List<ImportRow> rows) {
        for (UniqueKey<?> key : table.table().getKeys()) {
            Map<List<Object>, ImportRow> seen = new HashMap<>();
            for (ImportRow row : rows) {
                List<Object> values = values(row, key.getFields());
                if (values == null) {
                    continue; // NULLs never collide
                }
                ImportRow first = seen.putIfAbsent(values, row);
                if (first != null && !row.rejected()) {
                    problems.reject(row, names(key.getFields()), "the value " + show(values)
                            + " is already on line " + first.line() + " (must be unique)");
                }
            }
        }
    }

    /** One foreign key of a table, with the rows it may point to: in the file set, or in the database already. */
    private record ReferenceCheck(ForeignKey<?, ?> reference, ShopTable target, Map<List<Object>, ImportRow> index,
                                  Set<List<Object>> existing) {
    }

    private List<ReferenceCheck> referenceChecks(ShopTable table) {
        List<ReferenceCheck> checks = new ArrayList<>();
        for (ForeignKey<?, ?> reference : table.table().getReferences()) {
            ShopTable target = ShopTable.of(reference.getKey().getTable());
            checks.add(new ReferenceCheck(reference, target, keyIndex(target, reference.getKeyFields()),
                    files.existingKeys(target, reference.getKeyFields())));
        }
        return checks;
    }

    private void references(ShopTable table, List<ImportRow> rows) {
        references(referenceChecks(table), rows);
    }

    private void references(List<ReferenceCheck> checks, List<ImportRow> rows) {
        for (ReferenceCheck check : checks) {
            ForeignKey<?, ?> reference = check.reference();
            for (ImportRow row : rows) {
                if (row.rejected()) {
                    continue;
                }
                List<Object> values = values(row, reference.getFields());
                // a row the database holds already will do (the interaction types the migrations insert)
                if (values == null || check.existing().contains(values)) {
                    continue;
                }
                ImportRow referenced = check.index().get(values);
                if (referenced == null) {
                    problems.reject(row, names(reference.getFields()), "no " + check.target().sqlName() + " with "
                            + names(reference.getKeyFields()) + " " + show(values));
                } else if (referenced.rejected()) {
                    problems.reject(row, names(reference.getFields()), "refers to " + check.target().sqlName() + " "
                            + show(values) + ", which is rejected (" + referenced.location() + ")");
                }
            }
        }
    }

    private Map<List<Object>, ImportRow> keyIndex(ShopTable table, List<? extends TableField<?, ?>> fields) {
        return keyIndexes.computeIfAbsent(table.sqlName() + names(fields), k -> {
            Map<List<Object>, ImportRow> index = new HashMap<>();
            for (ImportRow row : files.rows(table)) {
                List<Object> values = values(row, fields);
                if (values != null) {
                    index.putIfAbsent(values, row);
                }
            }
            return index;
        });
    }

    /** The row's values of {@code fields}, or null if one is NULL. */
    private static List<Object> values(ImportRow row, List<? extends Field<?>> fields) {
        List<Object> values = new ArrayList<>(fields.size());
        for (Field<?> field : fields) {
            Object value = row.has(field) ? row.get(field) : columnDefault(row.table(), field);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /** The subtype tables' constant kind, which a file may leave to its default. */
    private static Object columnDefault(ShopTable table, Field<?> field) {
        if (field.getName().equals("kind")) {
            return table == ShopTable.CREDIT_CARD_TABLE ? "credit_card"
                    : table == ShopTable.GIFT_CARD_TABLE ? "gift_card" : null;
        }
        return null;
    }

    // ---- per-table rules ----------------------------------------------------------------------

    private void customer(ImportRow row) {
        Gender gender = known(row, CUSTOMER.GENDER, Gender::ofDbValue, "female, male, non_binary, undisclosed");
        api(row, () -> new RegisterCustomer(row.get(CUSTOMER.EMAIL), row.get(CUSTOMER.NAME), row.get(CUSTOMER.BIRTH_DATE),
                gender, row.get(CUSTOMER.PHONE), address(row, CUSTOMER.ADDRESS_BUILDING, CUSTOMER.ADDRESS_STREET,
                CUSTOMER.ADDRESS_CITY, CUSTOMER.ADDRESS_REGION, CUSTOMER.ADDRESS_POSTCODE, CUSTOMER.ADDRESS_COUNTRY),
                ANY_VALID_PASSWORD));
        String hash = row.get(CUSTOMER.PASSWORD_HASH);
        if (hash != null && !PASSWORD_HASH.matcher(hash).matches()) {
            problems.reject(row, "password_hash", "must be an Argon2id hash in PHC form ($argon2id$v=19$m=...,t=...,p=...$salt$hash), never a clear password");
        }
        // one account per email key (customer_email_unique), computed as H2's column computes it
        String email = row.get(CUSTOMER.EMAIL);
        if (email != null && !row.rejected()) {
            ImportRow first = keyIndexes.computeIfAbsent("customer(email_key)", k -> new HashMap<>())
                    .putIfAbsent(List.of(EmailKeys.of(email)), row);
            if (first != null) {
                problems.reject(row, "email", "is already on line " + first.line()
                        + " (emails are unique whatever their case and Unicode form)");
            }
        }
    }

    private void categories(List<ImportRow> rows) {
        Map<Long, ImportRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.get(CATEGORY.ID), row));
        for (ImportRow row : rows) {
            api(row, () -> Validation.text("name", row.get(CATEGORY.NAME), 100));
            // the parent chain must end at a top-level category, not loop
            Set<Long> seen = new HashSet<>();
            ImportRow current = row;
            while (current != null && current.get(CATEGORY.PARENT_ID) != null) {
                if (!seen.add(current.get(CATEGORY.ID))) {
                    problems.reject(row, "parent_id", "categories " + seen + " are each other's parents (a cycle)");
                    break;
                }
                current = byId.get(current.get(CATEGORY.PARENT_ID));
            }
        }
    }

    private void product(ImportRow row) {
        Integer stock = row.get(PRODUCT.STOCK);
        api(row, Map.of("initialStock", "stock"), () -> new NewProduct(row.get(PRODUCT.NAME), row.get(PRODUCT.DESCRIPTION),
                row.get(PRODUCT.BRAND_ID), row.get(PRODUCT.CATEGORY_ID), row.get(PRODUCT.PRICE), stock == null ? 0 : stock));
        // the writer loads a product with its stock plus the units its order lines then take away
        // (ImportWriter): that sum must fit the column too
        if (!row.rejected() && stock != null) {
            long sold = unitsSold().getOrDefault(row.get(PRODUCT.ID), 0L);
            long loaded = stock + sold;
            if (loaded > Integer.MAX_VALUE) {
                problems.reject(row, "stock", stock + " plus the " + sold + " units its lines in order_line.csv sold is "
                        + loaded + ", more than the column holds (" + Integer.MAX_VALUE + "); the import loads a product"
                        + " with the units its order lines then take away");
            }
        }
    }

    /**
     * The units each product's order lines sold, counting every line with a positive quantity that
     * is read: at least what the lines accepted in the end sell, which the writer adds to the stock.
     */
    private Map<Long, Long> unitsSold() {
        if (unitsSold == null) {
            unitsSold = new HashMap<>();
            for (ImportRow line : files.rows(ShopTable.ORDER_LINE_TABLE)) {
                Integer quantity = line.get(ORDER_LINE.QUANTITY);
                if (!line.rejected() && line.get(ORDER_LINE.PRODUCT_ID) != null && quantity != null && quantity > 0) {
                    unitsSold.merge(line.get(ORDER_LINE.PRODUCT_ID), (long) quantity, Long::sum);
                }
            }
        }
        return unitsSold;
    }

    private void paymentMethods(List<ImportRow> rows) {
        Map<Long, ImportRow> defaults = new HashMap<>();
        for (ImportRow row : rows) {
            String kind = row.get(PAYMENT_METHOD.KIND);
            if (kind != null && !kind.equals("credit_card") && !kind.equals("gift_card")) {
                problems.reject(row, "kind", "must be credit_card or gift_card");
            }
            if (Boolean.TRUE.equals(row.get(PAYMENT_METHOD.IS_DEFAULT))) {
                if (row.get(PAYMENT_METHOD.REMOVED_AT) != null) {
                    problems.reject(row, "is_default", "a removed payment method cannot be the default");
                }
                ImportRow first = defaults.putIfAbsent(row.get(PAYMENT_METHOD.CUSTOMER_ID), row);
                if (first != null) {
                    problems.reject(row, "is_default", "customer " + row.get(PAYMENT_METHOD.CUSTOMER_ID)
                            + " already has a default payment method (line " + first.line() + ")");
                }
            }
        }
    }

    private void creditCard(ImportRow row) {
        constantKind(row, CREDIT_CARD.KIND, "credit_card");
        // the expiry lives in payment_method; any month stands in for it here
        api(row, () -> new NewCreditCard(row.get(CREDIT_CARD.BRAND), row.get(CREDIT_CARD.HOLDER_NAME),
                row.get(CREDIT_CARD.LAST_FOUR), YearMonth.now(), row.get(CREDIT_CARD.PROCESSOR_TOKEN)));
    }

    private void giftCard(ImportRow row) {
        constantKind(row, GIFT_CARD.KIND, "gift_card");
        api(row, Map.of("amount", "initial_amount"), () -> {
            BigDecimal initial = new NewGiftCard(row.get(GIFT_CARD.SERIAL), row.get(GIFT_CARD.INITIAL_AMOUNT), null).amount();
            if (Validation.money("balance", row.get(GIFT_CARD.BALANCE)).compareTo(initial) > 0) {
                throw new ValidationException("balance", "must not exceed initial_amount " + initial);
            }
        });
    }

    private void constantKind(ImportRow row, Field<String> kind, String expected) {
        if (row.has(kind) && row.get(kind) != null && !expected.equals(row.get(kind))) {
            problems.reject(row, "kind", "must be " + expected);
        }
    }

    private void order(ImportRow row) {
        api(row, () -> {
            BigDecimal total = Validation.money("total", row.get(ORDERS.TOTAL));
            BigDecimal deduction = row.get(ORDERS.DEDUCTION) == null ? BigDecimal.ZERO
                    : Validation.money("deduction", row.get(ORDERS.DEDUCTION));
            BigDecimal grandTotal = Validation.money("grand_total", row.get(ORDERS.GRAND_TOTAL));
            if (deduction.compareTo(total) > 0) {
                throw new ValidationException("deduction", "must not exceed the total " + total);
            }
            if (grandTotal.compareTo(total.subtract(deduction)) != 0) {
                throw new ValidationException("grand_total", "must be total - deduction = " + total.subtract(deduction));
            }
            String key = row.get(ORDERS.IDEMPOTENCY_KEY);
            if (key != null && key.isBlank()) {
                throw new ValidationException("idempotency_key", "must not be blank");
            }
        });
    }

    private void orderLines(List<ImportRow> lines) {
        Map<Long, BigDecimal> sums = new HashMap<>();
        for (ImportRow line : lines) {
            api(line, () -> {
                OrderItem item = new OrderItem(line.get(ORDER_LINE.PRODUCT_ID), line.get(ORDER_LINE.QUANTITY));
                BigDecimal unitPrice = Validation.money("unit_price", line.get(ORDER_LINE.UNIT_PRICE));
                BigDecimal subtotal = unitPrice.multiply(BigDecimal.valueOf(item.quantity()));
                if (line.get(ORDER_LINE.SUBTOTAL).compareTo(subtotal) != 0) {
                    throw new ValidationException("subtotal", "must be quantity x unit_price = " + subtotal);
                }
            });
            if (!line.rejected()) {
                sums.merge(line.get(ORDER_LINE.ORDER_ID), line.get(ORDER_LINE.SUBTOTAL), BigDecimal::add);
            }
        }
        // the database keeps an order's total equal to the sum of its lines
        for (ImportRow order : files.rows(ShopTable.ORDERS_TABLE)) {
            BigDecimal sum = sums.getOrDefault(order.get(ORDERS.ID), BigDecimal.ZERO);
            if (!order.rejected() && order.get(ORDERS.TOTAL).compareTo(sum) != 0) {
                problems.reject(order, "total", order.get(ORDERS.TOTAL).toPlainString()
                        + " differs from the sum of the order's valid lines in order_line.csv, " + sum.toPlainString());
            }
        }
    }

    private void delivery(ImportRow row) {
        DeliveryStatus status = known(row, DELIVERY.STATUS, DeliveryStatus::ofDbValue, "pending, postponed, delivered, cancelled");
        if (status != null && (status == DeliveryStatus.DELIVERED) != (row.get(DELIVERY.DELIVERED_AT) != null)) {
            problems.reject(row, "delivered_at", "is set exactly when the status is delivered");
        }
        api(row, () -> address(row, DELIVERY.ADDRESS_BUILDING, DELIVERY.ADDRESS_STREET, DELIVERY.ADDRESS_CITY,
                DELIVERY.ADDRESS_REGION, DELIVERY.ADDRESS_POSTCODE, DELIVERY.ADDRESS_COUNTRY));
    }

    private void orderReturn(ImportRow row) {
        ReturnStatus status = known(row, ORDER_RETURN.STATUS, ReturnStatus::ofDbValue, "pending, denied, completed, cancelled");
        if (status != null && (status == ReturnStatus.PENDING) != (row.get(ORDER_RETURN.CLOSED_AT) == null)) {
            problems.reject(row, "closed_at", "is set exactly when the status is not pending");
        }
        if (row.get(ORDER_RETURN.DUE_ON) != null && row.get(ORDER_RETURN.STARTED_ON) != null
                && row.get(ORDER_RETURN.DUE_ON).isBefore(row.get(ORDER_RETURN.STARTED_ON))) {
            problems.reject(row, "due_on", "must not be before started_on");
        }
    }

    /**
     * A product is never returned more often than it was bought, counting pending and completed
     * returns. Replayed in return id order, the order the import writes them in: each return is
     * opened, gets its lines, then reaches its status (denied and cancelled ones stop counting).
     */
    private void returnLines(List<ImportRow> lines) {
        Map<List<Long>, Integer> bought = new HashMap<>();
        for (ImportRow line : files.rows(ShopTable.ORDER_LINE_TABLE)) {
            bought.put(List.of(line.get(ORDER_LINE.ORDER_ID), line.get(ORDER_LINE.PRODUCT_ID)), line.get(ORDER_LINE.QUANTITY));
        }
        for (ImportRow line : lines) {
            api(line, () -> new ReturnItem(line.get(RETURN_LINE.PRODUCT_ID), line.get(RETURN_LINE.QUANTITY)));
        }
        Map<Long, List<ImportRow>> byReturn = ImportFileSet.linesByReturn(lines);
        Map<List<Long>, Integer> returned = new HashMap<>();
        for (ImportRow ret : ImportFileSet.byId(files.rows(ShopTable.ORDER_RETURN_TABLE), ORDER_RETURN.ID)) {
            List<ImportRow> accepted = new ArrayList<>();
            for (ImportRow line : byReturn.getOrDefault(ret.get(ORDER_RETURN.ID), List.of())) {
                List<Long> key = List.of(line.get(RETURN_LINE.ORDER_ID), line.get(RETURN_LINE.PRODUCT_ID));
                if (line.rejected() || ret.rejected() || !bought.containsKey(key)) {
                    continue; // a missing order line is reported as a reference
                }
                int already = returned.getOrDefault(key, 0);
                if ((long) already + line.get(RETURN_LINE.QUANTITY) > bought.get(key)) {
                    problems.reject(line, "quantity", "order " + key.get(0) + " bought " + bought.get(key) + " of product "
                            + key.get(1) + " and " + already + " are already returned (pending or completed returns)");
                } else {
                    returned.put(key, already + line.get(RETURN_LINE.QUANTITY));
                    accepted.add(line);
                }
            }
            String status = ret.get(ORDER_RETURN.STATUS);
            if ("denied".equals(status) || "cancelled".equals(status)) {
                for (ImportRow line : accepted) {
                    returned.merge(List.of(line.get(RETURN_LINE.ORDER_ID), line.get(RETURN_LINE.PRODUCT_ID)),
                            -line.get(RETURN_LINE.QUANTITY), Integer::sum);
                }
            }
        }
    }

    /** Only a customer with an order containing the product may review it. */
    private void reviews(List<ImportRow> reviews) {
        Map<Long, Long> customerOfOrder = new HashMap<>();
        for (ImportRow order : files.rows(ShopTable.ORDERS_TABLE)) {
            if (!order.rejected()) {
                customerOfOrder.put(order.get(ORDERS.ID), order.get(ORDERS.CUSTOMER_ID));
            }
        }
        Set<List<Long>> bought = new HashSet<>();
        for (ImportRow line : files.rows(ShopTable.ORDER_LINE_TABLE)) {
            Long customer = customerOfOrder.get(line.get(ORDER_LINE.ORDER_ID));
            if (!line.rejected() && customer != null) {
                bought.add(List.of(customer, line.get(ORDER_LINE.PRODUCT_ID)));
            }
        }
        for (ImportRow review : reviews) {
            Short rating = review.get(REVIEW.RATING);
            api(review, () -> new AddReview(review.get(REVIEW.CUSTOMER_ID), review.get(REVIEW.PRODUCT_ID),
                    rating == null ? 0 : rating, review.get(REVIEW.BODY)));
            if (!review.rejected() && !bought.contains(List.of(review.get(REVIEW.CUSTOMER_ID), review.get(REVIEW.PRODUCT_ID)))) {
                problems.reject(review, "customer_id", "customer " + review.get(REVIEW.CUSTOMER_ID) + " has no order of product "
                        + review.get(REVIEW.PRODUCT_ID) + " (only buyers may review)");
            }
        }
    }

    // ---- helpers shared by the rules ----------------------------------------------------------

    /** Runs an API validation on a row not yet rejected; its ValidationException becomes a problem on the column. */
    private void api(ImportRow row, Runnable validation) {
        api(row, Map.of(), validation);
    }

    private void api(ImportRow row, Map<String, String> renamed, Runnable validation) {
        if (row.rejected()) {
            return; // one problem per row is enough: its values may be missing
        }
        try {
            validation.run();
        } catch (ValidationException e) {
            problems.reject(row, renamed.getOrDefault(e.field(), column(e.field())), e.reason());
        }
    }

    /** The column of an API field: {@code address.postcode} is {@code address_postcode}, {@code brandId} is {@code brand_id}. */
    private static String column(String apiField) {
        return apiField.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private Address address(ImportRow row, Field<String> building, Field<String> street, Field<String> city,
                            Field<String> region, Field<String> postcode, Field<String> country) {
        return new Address(row.get(building), row.get(street), row.get(city), row.get(region), row.get(postcode),
                row.get(country));
    }

    private <T> T known(ImportRow row, Field<String> column, java.util.function.Function<String, T> parse, String allowed) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problems.reject(row, column.getName(), "must be one of " + allowed + ": " + CsvValues.quoted(value));
            return null;
        }
    }

    private int rejectedCount() {
        int count = 0;
        for (ShopTable table : ShopTable.values()) {
            for (ImportRow row : files.rows(table)) {
                count += row.rejected() ? 1 : 0;
            }
        }
        return count;
    }

    private static String names(List<? extends Field<?>> fields) {
        return String.join(", ", fields.stream().map(Field::getName).toList());
    }

    private static String show(List<Object> values) {
        return values.size() == 1 ? String.valueOf(values.get(0)) : values.toString();
    }
}
