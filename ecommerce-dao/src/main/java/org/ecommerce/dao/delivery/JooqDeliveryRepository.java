package org.ecommerce.dao.delivery;

import static org.ecommerce.schema.jooq.Tables.DELIVERY;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import java.time.LocalDate;

import org.ecommerce.dao.NotFoundException;
import org.ecommerce.dao.Validation;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.internal.TransactionRunner;
import org.ecommerce.schema.jooq.tables.records.DeliveryRecord;
import org.jooq.DSLContext;

/** {@link DeliveryRepository} on jOOQ. */
public final class JooqDeliveryRepository implements DeliveryRepository {

    private final TransactionRunner tx;

    /** Used by {@code Ecommerce}; create repositories through it. */
    public JooqDeliveryRepository(TransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public Delivery forOrder(long orderId) {
        return tx.run(dsl -> toDelivery(row(dsl, orderId, false)));
    }

    @Override
    public Delivery moveTo(long orderId, DeliveryStatus status) {
        Validation.required("status", status);
        return tx.run(dsl -> {
            DeliveryRecord row = row(dsl, orderId, true);
            DeliveryStatus from = DeliveryStatus.ofDbValue(row.getStatus());
            if (from == status) {
                return toDelivery(row);
            }
            // the database refuses a move its status_transition rows do not allow
            return toDelivery(dsl.update(DELIVERY)
                    .set(DELIVERY.STATUS, status.dbValue())
                    .set(DELIVERY.DELIVERED_AT, status == DeliveryStatus.DELIVERED ? currentOffsetDateTime() : null)
                    .set(DELIVERY.UPDATED_AT, currentOffsetDateTime())
                    .where(DELIVERY.ID.eq(row.getId()))
                    .returning()
                    .fetchSingle());
        });
    }

    @Override
    public Delivery expectOn(long orderId, LocalDate date) {
        Validation.optionalDate("date", Validation.required("date", date));
        return tx.run(dsl -> {
            DeliveryRecord row = row(dsl, orderId, true);
            row.setExpectedOn(date);
            row.update();
            return toDelivery(row);
        });
    }

    private static DeliveryRecord row(DSLContext dsl, long orderId, boolean lock) {
        var query = dsl.selectFrom(DELIVERY).where(DELIVERY.ORDER_ID.eq(orderId));
        return (lock ? query.forUpdate() : query).fetchOptional()
                .orElseThrow(() -> new NotFoundException("order", orderId));
    }

    private static Delivery toDelivery(DeliveryRecord r) {
        return new Delivery(r.getOrderId(), r.getTrackingNumber(), DeliveryStatus.ofDbValue(r.getStatus()),
                new Address(r.getAddressBuilding(), r.getAddressStreet(), r.getAddressCity(), r.getAddressRegion(),
                        r.getAddressPostcode(), r.getAddressCountry()),
                r.getExpectedOn(), r.getDeliveredAt() == null ? null : r.getDeliveredAt().toInstant());
    }
}
