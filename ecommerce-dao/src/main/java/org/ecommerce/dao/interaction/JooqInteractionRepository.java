package org.ecommerce.dao.interaction;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.internal.RenderedStatement;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.schema.jooq.tables.records.InteractionTypeRecord;
import org.jooq.DSLContext;
import org.jooq.Row4;
import org.jooq.impl.DSL;

/**
 * {@link InteractionRepository} on jOOQ. Recording is one INSERT: the type is resolved inside it
 * and the score is updated by the database's trigger, which keeps recording close to the cost
 * of a plain insert. The INSERT is rendered once per repository (its SQL depends only on the
 * dialect and settings, fixed for the repository's data source) and then run with new bind
 * values: rendering it afresh was about a seventh of a recording's time on embedded H2
 * (benchmark 5).
 */
public final class JooqInteractionRepository implements InteractionRepository {

    private static final BigDecimal MAX_WEIGHT = new BigDecimal("999.999");

    private final TransactionRunner tx;
    private final RecommendationRepository recommendations;
    /**
     * The recording INSERT (customer, product, time, type name, bound in that order), rendered
     * once, with the bind types the values themselves would get (so the text is the one jOOQ
     * renders for {@code val(...)}).
     */
    private final RenderedStatement recordStatement;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqInteractionRepository(TransactionRunner tx, RecommendationRepository recommendations) {
        this.tx = tx;
        this.recommendations = recommendations;
        DSLContext renderer = tx.renderer();
        this.recordStatement = RenderedStatement.render(renderer, renderer.insertInto(INTERACTION,
                        INTERACTION.CUSTOMER_ID, INTERACTION.PRODUCT_ID, INTERACTION.TYPE_ID, INTERACTION.OCCURRED_AT)
                .select(select(param("customer", Long.class), param("product", Long.class),
                        INTERACTION_TYPE.ID, param("at", OffsetDateTime.class))
                        .from(INTERACTION_TYPE).where(INTERACTION_TYPE.NAME.eq(param("type", INTERACTION_TYPE.NAME))))
                .returningResult(INTERACTION.ID));
    }

    @Override
    public Interaction record(long customerId, long productId, String type, Instant at) {
        Validation.id("customerId", customerId);
        Validation.id("productId", productId);
        Validation.text("type", type, 32);
        Validation.instant("at", at);
        OffsetDateTime occurredAt = at.atOffset(ZoneOffset.UTC);
        return tx.run(dsl -> {
            // unknown customers and products are refused by the foreign keys (NotFoundException)
            Long id = recordStatement.fetchOptional(dsl, row -> row.getLong(1), customerId, productId, occurredAt, type)
                    .orElseThrow(() -> new NotFoundException("interaction type", type));
            return new Interaction(id, customerId, productId, type, at);
        });
    }

    /** Rows per INSERT of {@link #recordAll}: large enough to pay the statement's cost once for many rows. */
    private static final int BULK_ROWS = 2_000;

    @Override
    public long recordAll(Iterator<InteractionEvent> events) {
        return tx.run(dsl -> {
            Map<String, Short> typeIds = new HashMap<>();
            dsl.selectFrom(INTERACTION_TYPE).forEach(t -> typeIds.put(t.getName(), t.getId()));
            long recorded = 0;
            List<Row4<Long, Long, Short, OffsetDateTime>> rows = new ArrayList<>(BULK_ROWS);
            while (events.hasNext()) {
                InteractionEvent event = events.next();
                Short type = typeIds.get(event.type());
                if (type == null) {
                    throw new NotFoundException("interaction type", event.type());
                }
                rows.add(DSL.row(event.customerId(), event.productId(), type, event.at().atOffset(ZoneOffset.UTC)));
                if (rows.size() == BULK_ROWS || !events.hasNext()) {
                    // unknown customers and products are refused by the foreign keys (NotFoundException)
                    recorded += dsl.insertInto(INTERACTION, INTERACTION.CUSTOMER_ID, INTERACTION.PRODUCT_ID,
                            INTERACTION.TYPE_ID, INTERACTION.OCCURRED_AT).valuesOfRows(rows).execute();
                    rows.clear();
                }
            }
            return recorded;
        });
    }

    @Override
    public List<InteractionType> types() {
        return tx.run(dsl -> dsl.selectFrom(INTERACTION_TYPE).orderBy(INTERACTION_TYPE.ID)
                .fetch(JooqInteractionRepository::toType));
    }

    @Override
    public InteractionType changeWeight(String type, BigDecimal weight) {
        Validation.text("type", type, 32);
        Validation.required("weight", weight);
        if (weight.signum() < 0 || weight.compareTo(MAX_WEIGHT) > 0 || weight.stripTrailingZeros().scale() > 3) {
            throw new ValidationException("weight", "must be between 0 and " + MAX_WEIGHT + " with at most 3 decimals");
        }
        return tx.run(dsl -> {
            InteractionTypeRecord row = dsl.update(INTERACTION_TYPE).set(INTERACTION_TYPE.WEIGHT, weight)
                    .where(INTERACTION_TYPE.NAME.eq(type))
                    .returning().fetchOptional()
                    .orElseThrow(() -> new NotFoundException("interaction type", type));
            recommendations.rebuildAll(); // joins this transaction
            return toType(row);
        });
    }

    private static InteractionType toType(InteractionTypeRecord r) {
        return new InteractionType(r.getId(), r.getName(), r.getWeight());
    }
}
