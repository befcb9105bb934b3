package org.ecommerce.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * One interaction of benchmark 5: a random customer and product of {@link OrderDataSet}, a browsing
 * type (purchases come with orders), at a random moment of January 2026.
 */
record InteractionRequest(long customerId, long productId, String type, Instant at) {

    private static final String[] TYPES = {"view", "view", "view", "click", "click", "add_to_cart"};
    private static final Instant JANUARY_2026 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int SECONDS_IN_JANUARY = 31 * 24 * 3600;

    static InteractionRequest next(SplittableRandom random) {
        return new InteractionRequest(1 + random.nextInt(OrderDataSet.CUSTOMERS), 1 + random.nextInt(OrderDataSet.PRODUCTS),
                TYPES[random.nextInt(TYPES.length)], JANUARY_2026.plusSeconds(random.nextInt(SECONDS_IN_JANUARY)));
    }

    OffsetDateTime occurredAt() {
        return at.atOffset(ZoneOffset.UTC);
    }
}
