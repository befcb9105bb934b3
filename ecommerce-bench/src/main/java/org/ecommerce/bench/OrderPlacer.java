package org.ecommerce.bench;

/** One way of placing an order: the library, or its hand-written JDBC twin. */
interface OrderPlacer {

    /** Places the order in its own transaction and returns its number. */
    long place(OrderRequest request) throws Exception;
}
