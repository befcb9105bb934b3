package org.ecommerce.queries;

import static org.jooq.impl.DSL.extract;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.ecommerce.dao.Validation;
import org.ecommerce.dao.ValidationException;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Local time in one zone, in SQL: {@code occurred_at AT TIME ZONE 'Europe/Paris'}, which both
 * engines read the same way for a region id. Fixed offsets other than UTC ({@code +02:00}, and
 * {@code GMT+2} or {@code UTC+05:30}, which Java reads as regions of those ids) are refused because
 * PostgreSQL reads {@code '+02:00'} as a POSIX zone, two hours <em>west</em> of UTC.
 */
final class InZone {

    // the ids Java gives an offset with a prefix: PostgreSQL reads them as POSIX zones, the sign reversed
    private static final Pattern OFFSET_ID = Pattern.compile("(GMT|UTC|UT)([+-].*)?");

    private final ZoneId zone;
    private final String name;

    private InZone(ZoneId zone, String name) {
        this.zone = zone;
        this.name = name;
    }

    /** @throws ValidationException naming {@code field} for a missing zone or a fixed offset other than UTC */
    static InZone of(String field, ZoneId zone) {
        Validation.required(field, zone);
        if (zone.normalized() instanceof ZoneOffset offset
                && (zone instanceof ZoneOffset || OFFSET_ID.matcher(zone.getId()).matches())) {
            if (offset.getTotalSeconds() != 0) {
                throw new ValidationException(field, "must be a region such as Europe/Paris, or UTC, not a fixed offset");
            }
            return new InZone(zone, "UTC");
        }
        return new InZone(zone, zone.getId());
    }

    /** The zone. */
    ZoneId zone() {
        return zone;
    }

    /**
     * {@code at} as local date-time in the zone. The zone is written as a literal: it is a
     * validated region id, and a literal keeps equal expressions equal for GROUP BY.
     */
    Field<LocalDateTime> local(Field<OffsetDateTime> at) {
        return DSL.field("({0} at time zone {1})", SQLDataType.LOCALDATETIME, at, DSL.inline(name));
    }

    /** The local hour of day of {@code at}, 0 to 23. */
    Field<Integer> hourOf(Field<OffsetDateTime> at) {
        return extract(local(at), DatePart.HOUR).cast(SQLDataType.INTEGER);
    }

    /** The local month of {@code at} as a month count (year × 12 + month − 1): consecutive months differ by one. */
    Field<Integer> monthIndexOf(Field<OffsetDateTime> at) {
        Field<LocalDateTime> local = local(at);
        return extract(local, DatePart.YEAR).cast(SQLDataType.INTEGER).times(12)
                .plus(extract(local, DatePart.MONTH).cast(SQLDataType.INTEGER)).minus(1);
    }

    /** The month count of {@code month}, as {@link #monthIndexOf} computes it. */
    static int monthIndex(YearMonth month) {
        return month.getYear() * 12 + month.getMonthValue() - 1;
    }

    /** The month of a month count. */
    static YearMonth month(int monthIndex) {
        return YearMonth.of(Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1);
    }

    /** The instant the month begins in the zone. */
    OffsetDateTime startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
    }
}
