package org.ecommerce.queries;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A span of time between two instants: {@code from} included, {@code until} excluded, so that
 * consecutive ranges never count a moment twice. Instants carry no zone: for calendar days or
 * months, convert them in the zone you mean, e.g.
 * {@code TimeRange.of(LocalDate.of(2025, 1, 1).atStartOfDay(paris).toInstant(), ...)}.
 *
 * @param from  the first instant inside the range
 * @param until the first instant after the range, later than {@code from}
 */
public record TimeRange(Instant from, Instant until) {

    /** Validates the range. */
    public TimeRange {
        Validation.required("range.from", from);
        Validation.required("range.until", until);
        if (!until.isAfter(from)) {
            throw new ValidationException("range.until", "must be after range.from");
        }
    }

    /** The range from {@code from} (included) to {@code until} (excluded). */
    public static TimeRange of(Instant from, Instant until) {
        return new TimeRange(from, until);
    }

    /** {@code at} lies in {@code range}; always true when the range is null (no restriction). */
    static Condition contains(TimeRange range, Field<OffsetDateTime> at) {
        if (range == null) {
            return DSL.noCondition();
        }
        return at.ge(range.from.atOffset(ZoneOffset.UTC)).and(at.lt(range.until.atOffset(ZoneOffset.UTC)));
    }
}
