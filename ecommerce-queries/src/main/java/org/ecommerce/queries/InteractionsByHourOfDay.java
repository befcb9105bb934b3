package org.ecommerce.queries;

import static org.ecommerce.schema.jooq.Tables.INTERACTION;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import java.time.ZoneId;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

/**
 * How many interactions happen in each hour of the day, busiest hour first.
 *
 * <p>The hour is the local hour of {@code occurred_at} in the given zone (a region such as
 * {@code Europe/Paris}, or UTC), so daylight saving time moves instants, not hours. Hours without
 * interactions are not listed. Order: most interactions first, then by hour.
 */
public final class InteractionsByHourOfDay extends AnalyticsQuery<InteractionsByHourOfDay.Row> {

    /**
     * One hour of the day.
     *
     * @param hour         the local hour, 0 to 23
     * @param interactions how many interactions occurred in that hour, over all days
     */
    public record Row(int hour, long interactions) {
    }

    private final InZone zone;

    private InteractionsByHourOfDay(InZone zone) {
        this.zone = zone;
    }

    /**
     * Interactions per local hour of day in {@code zone}.
     *
     * @throws org.ecommerce.dao.ValidationException with field {@code zone} if it is null or a fixed offset other than UTC
     */
    public static InteractionsByHourOfDay in(ZoneId zone) {
        return new InteractionsByHourOfDay(InZone.of("zone", zone));
    }

    @Override
    ResultQuery<?> query(DSLContext dsl) {
        // the local hour is computed once, below, so that GROUP BY names a column, not a repeated expression
        Table<?> stamped = select(zone.hourOf(INTERACTION.OCCURRED_AT).as("hour_of_day")).from(INTERACTION).asTable("stamped");
        Field<Integer> hour = stamped.field("hour_of_day", Integer.class);
        Field<Integer> interactions = count().as("interactions");
        return dsl.select(hour, interactions)
                .from(stamped)
                .groupBy(hour)
                .orderBy(interactions.desc(), hour);
    }

    @Override
    Stream<Row> rows(Stream<? extends Record> records) {
        return records.map(r -> new Row(r.get("hour_of_day", Integer.class), r.get("interactions", Long.class)));
    }
}
