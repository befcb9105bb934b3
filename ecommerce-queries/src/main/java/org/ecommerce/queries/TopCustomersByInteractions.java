package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.CUSTOMER;
import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.interaction.InteractionKind;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * The customers who interacted most with products.
 *
 * <p>Counts the rows of {@code interaction} per customer, optionally only those that occurred
 * within a {@link TimeRange} and only those of some {@link InteractionKind}s. Order: most
 * interactions first, then by customer id.
 *
 * <pre>{@code
 * TopCustomersByInteractions.top(5).ofKinds(InteractionKind.VIEW, InteractionKind.CLICK).fetch(shop);
 * }</pre>
 */
public final class TopCustomersByInteractions extends AnalyticsQuery<TopCustomersByInteractions.Row> {

    /**
     * One customer and how often they interacted.
     *
     * @param customerId   the customer
     * @param name         their name
     * @param email        their email
     * @param interactions how many interactions (of the chosen types, in the range) they had
     */
    public record Row(long customerId, String name, String email, long interactions) {
    }

    private final int limit;
    private final TimeRange occurred;
    /** Null for every type; else sorted, so that equal questions render equal SQL. */
    private final List<String> types;

    private TopCustomersByInteractions(int limit, TimeRange occurred, List<String> types) {
        this.limit = Validation.positive("limit", limit);
        this.occurred = occurred;
        this.types = types;
    }

    /** The {@code limit} customers with the most interactions of any type, over all time. */
    public static TopCustomersByInteractions top(int limit) {
        return new TopCustomersByInteractions(limit, null, null);
    }

    /** The same question, counting only interactions that occurred within {@code range}. */
    public TopCustomersByInteractions occurredWithin(TimeRange range) {
        return new TopCustomersByInteractions(limit, Validation.required("range", range), types);
    }

    /** The same question, counting only interactions of the given kinds (at least one). */
    public TopCustomersByInteractions ofKinds(InteractionKind... kinds) {
        Validation.required("kinds", kinds);
        if (kinds.length == 0) {
            throw new ValidationException("kinds", "must name at least one interaction kind");
        }
        if (Arrays.stream(kinds).anyMatch(Objects::isNull)) {
            throw new ValidationException("kinds", "must not contain null");
        }
        return new TopCustomersByInteractions(limit, occurred,
                EnumSet.copyOf(Arrays.asList(kinds)).stream().map(InteractionKind::dbValue).toList());
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        Condition ofTypes = types == null ? noCondition()
                : INTERACTION.TYPE_ID.in(select(INTERACTION_TYPE.ID).from(INTERACTION_TYPE).where(INTERACTION_TYPE.NAME.in(types)));
        Table<?> counted = select(INTERACTION.CUSTOMER_ID, count().as("interactions"))
                .from(INTERACTION)
                .where(TimeRange.contains(occurred, INTERACTION.OCCURRED_AT), ofTypes)
                .groupBy(INTERACTION.CUSTOMER_ID)
                .asTable("counted");
        Field<Integer> interactions = counted.field("interactions", Integer.class);
        return dsl.select(CUSTOMER.ID.as("customer_id"), CUSTOMER.NAME, CUSTOMER.EMAIL, interactions)
                .from(counted)
                .join(CUSTOMER).on(CUSTOMER.ID.eq(counted.field(INTERACTION.CUSTOMER_ID)))
                .orderBy(interactions.desc(), CUSTOMER.ID)
                .limit(limit);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("customer_id", Long.class), r.get("name", String.class),
                r.get("email", String.class), r.get("interactions", Long.class)));
    }
}
