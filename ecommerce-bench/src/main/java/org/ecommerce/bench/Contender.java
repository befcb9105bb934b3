package org.ecommerce.bench;

import java.time.Duration;

/** One side of a comparison: something that places orders for a while and says how many per second. */
interface Contender {

    /** The column heading, such as "library (a)". */
    String name();

    /** Places orders with {@code clients} concurrent clients for {@code length}; orders per second. */
    double ordersPerSecond(int clients, Duration length) throws Exception;
}
