package org.ecommerce.cli.transfer;

import static org.ecommerce.schema.jooq.Tables.BASKET;
import static org.ecommerce.schema.jooq.Tables.BASKET_LINE;
import static org.ecommerce.schema.jooq.Tables.BRAND;
import static org.ecommerce.schema.jooq.Tables.CATEGORY;
import static org.ecommerce.schema.jooq.Sequences.PAYMENT_METHOD_ID_SEQ;
import static org.ecommerce.schema.jooq.Tables.CREDIT_CARD;
import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.DELIVERY;
import static org.ecommerce.schema.jooq.Tables.GIFT_CARD;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_FOLDED;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.ORDERS;
import static org.ecommerce.schema.jooq.Tables.ORDER_LINE;
import static org.ecommerce.schema.jooq.Tables.ORDER_RETURN;
import static org.ecommerce.schema.jooq.Tables.PAYMENT_METHOD;
import static org.ecommerce.schema.jooq.Tables.PRODUCT;
import static org.ecommerce.schema.jooq.Tables.PRODUCT_POPULARITY;
import static org.ecommerce.schema.jooq.Tables.PRODUCT_SIMILARITY;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SCORE;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SETTING;
import static org.ecommerce.schema.jooq.Tables.RETURN_LINE;
import static org.ecommerce.schema.jooq.Tables.REVIEW;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Field;
import org.jooq.Sequence;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The tables that export and import move, one CSV file each, in an order where every table comes
 * after the tables it references (the order an import loads them in).
 */
enum ShopTable {
    INTERACTION_TYPE_TABLE(INTERACTION_TYPE),
    RECOMMENDATION_SETTING_TABLE(RECOMMENDATION_SETTING),
    CUSTOMER_TABLE(CUSTOMER),
    BRAND_TABLE(BRAND),
    CATEGORY_TABLE(CATEGORY),
    PRODUCT_TABLE(PRODUCT),
    BASKET_TABLE(BASKET),
    BASKET_LINE_TABLE(BASKET_LINE),
    // a payment method refers to its card row, which comes first
    CREDIT_CARD_TABLE(CREDIT_CARD),
    GIFT_CARD_TABLE(GIFT_CARD),
    PAYMENT_METHOD_TABLE(PAYMENT_METHOD),
    ORDERS_TABLE(ORDERS),
    ORDER_LINE_TABLE(ORDER_LINE),
    DELIVERY_TABLE(DELIVERY),
    ORDER_RETURN_TABLE(ORDER_RETURN),
    RETURN_LINE_TABLE(RETURN_LINE),
    REVIEW_TABLE(REVIEW),
    INTERACTION_TABLE(INTERACTION),
    // what retention removed from interaction, which a rebuild of the scores reads with it
    INTERACTION_FOLDED_TABLE(INTERACTION_FOLDED),
    RECOMMENDATION_SCORE_TABLE(RECOMMENDATION_SCORE),
    PRODUCT_POPULARITY_TABLE(PRODUCT_POPULARITY),
    PRODUCT_SIMILARITY_TABLE(PRODUCT_SIMILARITY);

    /**
     * An interaction's type by its name, which interaction.csv may give instead of {@code type_id};
     * the import resolves it in the statement that writes the interactions.
     */
    static final Field<String> INTERACTION_TYPE_NAME = DSL.field(DSL.name("type"), INTERACTION_TYPE.NAME.getDataType());

    private static final List<TableField<?, ?>> SECRETS = List.of(CUSTOMER.PASSWORD_HASH, CREDIT_CARD.PROCESSOR_TOKEN);

    private final Table<?> table;

    ShopTable(Table<?> table) {
        this.table = table;
    }

    /** The generated table. */
    Table<?> table() {
        return table;
    }

    /** The table's SQL name, e.g. {@code order_line}. */
    String sqlName() {
        return table.getName();
    }

    /** Its CSV file's name, e.g. {@code order_line.csv}. */
    String fileName() {
        return sqlName() + ".csv";
    }

    /** Its columns in table order: the CSV header. */
    List<Field<?>> columns() {
        return List.of(table.fields());
    }

    /**
     * The columns its file may hold on import: its own, and for interactions also
     * {@link #INTERACTION_TYPE_NAME} in place of {@code type_id}.
     */
    List<Field<?>> importColumns() {
        if (this != INTERACTION_TABLE) {
            return columns();
        }
        List<Field<?>> columns = new ArrayList<>(columns());
        columns.add(INTERACTION_TYPE_NAME);
        return columns;
    }

    /**
     * Whether its file may leave out the primary key, letting the database assign it: an identity
     * key that no other table refers to (interactions).
     */
    boolean keyMayBeLeftOut() {
        return hasIdentity() && ImportFileSet.isUnreferenced(this);
    }

    /**
     * Its columns as an export writes them: all of them, or all but the secrets ({@link #isSecret}).
     */
    List<Field<?>> exportedColumns(boolean includeSecrets) {
        return includeSecrets ? columns() : columns().stream().filter(c -> !isSecret(c)).toList();
    }

    /**
     * Whether a column holds a secret that an export leaves out unless asked: a customer's password
     * hash (open to offline guessing) and a card's processor token (which charges the card).
     */
    static boolean isSecret(Field<?> column) {
        return SECRETS.contains(column);
    }

    /** Its primary key columns: rows are exported and loaded in this order. */
    List<TableField<?, ?>> primaryKey() {
        return List.copyOf(table.getPrimaryKey().getFields());
    }

    /** Whether its id comes from an identity column, which an import must move past the loaded ids. */
    boolean hasIdentity() {
        return table.getIdentity() != null;
    }

    /**
     * The sequence its ids come from where that is not an identity column (a payment method's id is
     * taken for its card row first), which an import must move past the loaded ids too.
     */
    Optional<Sequence<Long>> idSequence() {
        return this == PAYMENT_METHOD_TABLE ? Optional.of(PAYMENT_METHOD_ID_SEQ) : Optional.empty();
    }

    /** The table whose SQL name is {@code sqlName}. */
    static ShopTable of(Table<?> table) {
        for (ShopTable t : values()) {
            if (t.table.getName().equals(table.getName())) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a shop table: " + table.getName());
    }
}
