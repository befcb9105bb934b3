package org.ecommerce.bench;

import java.time.Duration;

/** One side of a comparison: something that repeats an operation (placing an order, recording an interaction) for a while. */
interface Contender {

    /** The column heading, such as "library (a)". */
    String name();

    /** Repeats its operation with {@code clients} concurrent clients for {@code length}; operations per second. */
    double perSecond(int clients, Duration length) throws Exception;
}
