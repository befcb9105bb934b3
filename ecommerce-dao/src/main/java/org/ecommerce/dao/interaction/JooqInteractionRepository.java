package org.ecommerce.dao.interaction;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_FOLDED;
import static org.ecommerce.schema.jooq.Tables.INTERACTION_TYPE;
import static org.ecommerce.schema.jooq.Tables.RECOMMENDATION_SETTING;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.internal.LibrarySchema;
import org.ecommerce.dao.internal.PostgresqlDriver;
import org.ecommerce.dao.internal.RenderedStatement;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.dao.recommendation.RecommendationRepository;
import org.ecommerce.schema.jooq.tables.records.InteractionTypeRecord;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Row4;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@link InteractionRepository} on jOOQ. Recording is one INSERT: the type is resolved inside it
 * and the score is updated by the database's trigger, which keeps recording close to the cost
 * of a plain insert. The INSERT is rendered once per repository (its SQL depends only on the
 * dialect and settings, fixed for the repository's data source) and then run with new bind
 * values, as rendering it afresh at every call would be a noticeable share of a recording's time
 * on embedded H2, where the insert itself is cheap (see {@code RenderedStatement}).
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
            Long id = recordStatement.fetchOptional(dsl, row -> row.getLong("id"), customerId, productId, occurredAt, type)
                    .orElseThrow(() -> new NotFoundException("interaction type", type));
            return new Interaction(id, customerId, productId, type, at);
        });
    }

    /** Rows per INSERT of {@link #recordAll} on H2: large enough to pay the statement's cost once for many rows. */
    private static final int BULK_ROWS = 2_000;

    @Override
    public long recordAll(Iterator<InteractionEvent> events) {
        Validation.required("events", events);
        // the events can be read once: a deadlock is reported, never retried with what is left of them
        return tx.runOnce(dsl -> {
            Map<String, Short> typeIds = new HashMap<>();
            dsl.selectFrom(INTERACTION_TYPE).forEach(t -> typeIds.put(t.getName(), t.getId()));
            if (PostgresqlDriver.present() && dsl.dialect().family() == SQLDialect.POSTGRES) {
                Long written = dsl.connectionResult(c -> PostgresInteractionBulk.canBulk(c)
                        ? PostgresInteractionBulk.write(dsl, c, events, typeIds) : null);
                if (written != null) {
                    return written;
                }
            }
            long recorded = 0;
            List<Row4<Long, Long, Short, OffsetDateTime>> rows = new ArrayList<>(BULK_ROWS);
            while (events.hasNext()) {
                InteractionEvent event = Validation.required("events[" + (recorded + rows.size()) + "]", events.next());
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

    /** The longest retention that may be set: a hundred years. */
    private static final int MAX_RETENTION_MONTHS = 1200;

    /**
     * H2's fold (PostgreSQL's is in its {@code interaction_maintenance()}, V71): the interactions
     * before {3} added to interaction_folded ({0}), relative to the current decay setting ({2}).
     */
    private static final String H2_FOLD = """
            MERGE INTO {0} f
            USING (SELECT i.customer_id, i.product_id, i.type_id, COUNT(*) AS interactions,
                          SUM(POWER(CAST(2 AS DOUBLE PRECISION),
                                    GREATEST(-1000, LEAST(1000,
                                        CAST(EXTRACT(EPOCH FROM i.occurred_at) - m.decay_epoch_seconds AS DOUBLE PRECISION)
                                            / m.half_life_seconds)))) AS decayed_count,
                          MIN(m.decay_epoch_seconds) AS reference_epoch_seconds,
                          MIN(m.half_life_seconds) AS half_life_seconds,
                          MIN(i.occurred_at) AS first_at, MAX(i.occurred_at) AS last_at
                     FROM {1} i CROSS JOIN {2} m
                    WHERE i.occurred_at < {3}
                    GROUP BY i.customer_id, i.product_id, i.type_id) n
               ON f.customer_id = n.customer_id AND f.product_id = n.product_id AND f.type_id = n.type_id
             WHEN MATCHED THEN UPDATE SET
                  interactions = f.interactions + n.interactions,
                  decayed_count = n.decayed_count
                      + f.interactions * POWER(CAST(2 AS DOUBLE PRECISION),
                            GREATEST(-1000, LEAST(1000,
                                (f.half_life_seconds * LN(f.decayed_count / f.interactions) / LN(2)
                                    + (f.reference_epoch_seconds - n.reference_epoch_seconds))
                                / n.half_life_seconds))),
                  reference_epoch_seconds = n.reference_epoch_seconds,
                  half_life_seconds = n.half_life_seconds,
                  first_at = LEAST(f.first_at, n.first_at),
                  last_at = GREATEST(f.last_at, n.last_at)
             WHEN NOT MATCHED THEN
                  INSERT (customer_id, product_id, type_id, interactions, decayed_count,
                          reference_epoch_seconds, half_life_seconds, first_at, last_at)
                  VALUES (n.customer_id, n.product_id, n.type_id, n.interactions, n.decayed_count,
                          n.reference_epoch_seconds, n.half_life_seconds, n.first_at, n.last_at)""";

    @Override
    public OptionalInt retentionMonths() {
        return tx.run(dsl -> {
            Integer months = dsl.select(RECOMMENDATION_SETTING.INTERACTION_RETENTION_MONTHS).from(RECOMMENDATION_SETTING)
                    .fetchSingle(RECOMMENDATION_SETTING.INTERACTION_RETENTION_MONTHS);
            return months == null ? OptionalInt.empty() : OptionalInt.of(months);
        });
    }

    @Override
    public void changeRetention(OptionalInt months) {
        Validation.required("months", months);
        if (months.isPresent() && (months.getAsInt() < 1 || months.getAsInt() > MAX_RETENTION_MONTHS)) {
            throw new ValidationException("months", "must be between 1 and " + MAX_RETENTION_MONTHS);
        }
        Integer value = months.isPresent() ? months.getAsInt() : null;
        tx.run(dsl -> dsl.update(RECOMMENDATION_SETTING).set(RECOMMENDATION_SETTING.INTERACTION_RETENTION_MONTHS, value)
                .execute());
    }

    @Override
    public InteractionMaintenance maintain() {
        return tx.run(dsl -> {
            if (dsl.dialect().family() == SQLDialect.POSTGRES) {
                String schema = LibrarySchema.of(dsl);
                Record done = dsl.resultQuery("SELECT * FROM {0}()", schema == null
                        ? DSL.name("interaction_maintenance") : DSL.name(schema, "interaction_maintenance")).fetchSingle();
                return new InteractionMaintenance(done.get("partitions_created", Integer.class),
                        done.get("interactions_moved", Long.class), done.get("interactions_folded", Long.class),
                        done.get("partitions_dropped", Integer.class));
            }
            Integer retention = dsl.select(RECOMMENDATION_SETTING.INTERACTION_RETENTION_MONTHS).from(RECOMMENDATION_SETTING)
                    .fetchSingle(RECOMMENDATION_SETTING.INTERACTION_RETENTION_MONTHS);
            if (retention == null) {
                return new InteractionMaintenance(0, 0, 0, 0);
            }
            OffsetDateTime cutoff = YearMonth.now(ZoneOffset.UTC).minusMonths(retention).atDay(1).atStartOfDay()
                    .atOffset(ZoneOffset.UTC);
            dsl.execute(H2_FOLD, INTERACTION_FOLDED, INTERACTION, RECOMMENDATION_SETTING, DSL.val(cutoff));
            long folded = dsl.deleteFrom(INTERACTION).where(INTERACTION.OCCURRED_AT.lt(cutoff)).execute();
            return new InteractionMaintenance(0, 0, folded, 0);
        });
    }

    private static InteractionType toType(InteractionTypeRecord r) {
        return new InteractionType(r.getId(), r.getName(), r.getWeight());
    }
}
