package org.ecommerce.dao.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.RuleViolationException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;

/**
 * Interactions of customers with products, the input of the recommendations.
 *
 * <p>The database keeps each (customer, product) recommendation score up to date on every
 * inserted interaction (a trigger on both engines), so interactions written with plain SQL by
 * another service count exactly like those recorded here.
 */
public interface InteractionRepository {

    /**
     * Records an interaction; in the same transaction the database adds its decayed weight to the
     * customer's score for the product.
     *
     * @param customerId who interacted
     * @param productId  with which product
     * @param type       an interaction type's name, e.g. {@link InteractionType#VIEW}
     * @param at         when it happened
     * @throws ValidationException    if an id is not positive, the type is blank, or {@code at} is missing or
     *                                outside the days {@link Validation#MIN_DATE} to {@link Validation#MAX_DATE} (UTC)
     * @throws NotFoundException      if the customer, the product or the type does not exist
     * @throws RuleViolationException ({@code recommendation_score_in_range}) if {@code at} lies
     *                                about 1000 half-lives after the decay epoch; a
     *                                {@code rebuildAll()} moves the epoch forward
     */
    Interaction record(long customerId, long productId, String type, Instant at);

    /**
     * Records an interaction of a kind the schema knows; see {@link #record(long, long, String, Instant)}.
     *
     * @throws ValidationException if {@code kind} is null, or as {@link #record(long, long, String, Instant)}
     */
    default Interaction record(long customerId, long productId, InteractionKind kind, Instant at) {
        if (kind == null) {
            throw new ValidationException("type", "is required");
        }
        return record(customerId, productId, kind.dbValue(), at);
    }

    /**
     * Records many interactions, streamed from {@code events}, all in one transaction (the
     * caller's, if there is one): the same rows and the same score effects as calling
     * {@link #record} for each, at a fraction of the cost. On PostgreSQL they go in 50 000 at a
     * time, the scores updated once per batch: through the schema's loader
     * {@code interaction_load}, which checks the foreign keys once per batch, when the role may
     * use it in a READ COMMITTED transaction, otherwise with binary {@code COPY}, the keys checked
     * per row; on H2 in multi-row INSERTs of a few thousand, the scores row by row. The iterator
     * is read between batches, never during one, so it may itself call the library in the same
     * transaction. If any event is refused, none is recorded. The events are
     * read once: a deadlock or serialization failure is not retried, neither in a transaction of
     * its own nor in the {@code inTransaction} block around it, but reported, nothing written, for
     * the caller to run the whole call (or block) again with all its events.
     *
     * @return how many interactions were recorded
     * @throws ValidationException           if {@code events} is null
     * @throws NotFoundException             if a customer, a product or a type does not exist
     * @throws RuleViolationException        ({@code recommendation_score_in_range}) as for {@link #record}
     * @throws TransientDataAccessException  (safe to retry) on a deadlock or serialization failure
     */
    long recordAll(Iterator<InteractionEvent> events);

    /** Every interaction type with its weight, by id. */
    List<InteractionType> types();

    /**
     * Changes a type's weight and, in the same transaction, rebuilds every recommendation score
     * from the interactions, so that old and new interactions are weighted alike.
     *
     * @throws ValidationException if the weight is missing, negative or has more than 3 decimals or 3 integer digits
     * @throws NotFoundException   if there is no such type
     */
    InteractionType changeWeight(String type, BigDecimal weight);

    /**
     * How many whole months (UTC) of interactions {@link #maintain()} keeps before the current
     * month; empty: every interaction is kept (the default).
     */
    OptionalInt retentionMonths();

    /**
     * Sets how many whole months of interactions {@link #maintain()} keeps before the current
     * month (empty: all of them). Nothing is removed until the next {@code maintain()}.
     *
     * @throws ValidationException if {@code months} is missing, or holds a value below 1 or above 1200
     */
    void changeRetention(OptionalInt months);

    /**
     * The monthly upkeep of the interactions; calling it again changes nothing. With a retention
     * ({@link #changeRetention}), the interactions of older months are folded into what the
     * recommendations are rebuilt from (per customer, product and type: their count, their summed
     * decay, their first and last time) and removed, so that {@code rebuildAll()}, {@code topFor}
     * and {@code alsoBought} give the same results as before. On PostgreSQL, where
     * {@code interaction} is partitioned by month, whole partitions are dropped, interactions
     * waiting in the default partition move into their month's new partition, and the partitions of
     * the current month and the next three are created; writers of interactions wait until it
     * commits. On PostgreSQL {@code EcommerceSchema.migrate} runs it too, and the database function
     * {@code interaction_maintenance()} does the same for a scheduler such as pg_cron.
     *
     * @return what it did
     */
    InteractionMaintenance maintain();
}
