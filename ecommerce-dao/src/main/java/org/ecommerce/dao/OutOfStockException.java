package org.ecommerce.dao;

import java.util.OptionalInt;

/** A product has fewer units in stock than an order asks for. Nothing was sold. */
public final class OutOfStockException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long productId;
    // Integer, not OptionalInt: an exception must stay serializable
    private final Integer requested;
    private final Integer available;

    /**
     * Creates the exception when only the product is known.
     *
     * @param productId the product that ran out
     */
    public OutOfStockException(long productId) {
        super("product " + productId + " is out of stock for the quantity asked");
        this.productId = productId;
        this.requested = null;
        this.available = null;
    }

    /**
     * Creates the exception.
     *
     * @param productId the product that ran out
     * @param requested the units asked for
     * @param available the units in stock when the sale was refused
     */
    public OutOfStockException(long productId, int requested, int available) {
        super("product " + productId + " is out of stock for the quantity asked: " + requested + " asked, "
                + available + " in stock");
        this.productId = productId;
        this.requested = requested;
        this.available = available;
    }

    /** The product that ran out. */
    public long productId() {
        return productId;
    }

    /** The units asked for, when known. */
    public OptionalInt requested() {
        return requested == null ? OptionalInt.empty() : OptionalInt.of(requested);
    }

    /** The units in stock when the sale was refused, when known. */
    public OptionalInt available() {
        return available == null ? OptionalInt.empty() : OptionalInt.of(available);
    }
}
