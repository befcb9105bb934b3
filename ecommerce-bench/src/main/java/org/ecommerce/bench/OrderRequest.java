package org.ecommerce.bench;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * One order of the benchmark workload: a customer paying with their card, an idempotency key (as a
 * well-behaved client sends) and three lines, one product from each third of the catalogue.
 *
 * <p>Drawing each product from its own band keeps them distinct and already in id order, which the
 * pgbench script can reproduce with {@code random(lo, hi)}: all three clients draw from the same
 * distributions. No deduction: the workload pays in full by card.
 */
record OrderRequest(long customerId, long paymentMethodId, String idempotencyKey, long[] productIds, int[] quantities,
                    BigDecimal deduction) {

    static final int LINES = 3;
    static final int MAX_QUANTITY = 3;

    /** The next order of one client's deterministic sequence. */
    static OrderRequest next(SplittableRandom random) {
        long customer = 1 + random.nextInt(OrderDataSet.CUSTOMERS);
        long[] products = new long[LINES];
        int[] quantities = new int[LINES];
        for (int band = 0; band < LINES; band++) {
            products[band] = 1 + bandStart(band) + random.nextInt(bandEnd(band) - bandStart(band));
            quantities[band] = 1 + random.nextInt(MAX_QUANTITY);
        }
        String key = Long.toString(1 + random.nextLong(Long.MAX_VALUE - 1));
        return new OrderRequest(customer, customer, key, products, quantities, null);
    }

    /** The band's first product id, minus one. */
    static int bandStart(int band) {
        return OrderDataSet.PRODUCTS * band / LINES;
    }

    /** The band's last product id. */
    static int bandEnd(int band) {
        return OrderDataSet.PRODUCTS * (band + 1) / LINES;
    }
}
