package org.ecommerce.dao;

/** A product has fewer units in stock than an order asks for. Nothing was sold. */
public final class OutOfStockException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long productId;

    /**
     * Creates the exception.
     *
     * @param productId the product that ran out
     */
    public OutOfStockException(long productId) {
        super("product " + productId + " is out of stock for the quantity asked");
        this.productId = productId;
    }

    /** The product that ran out. */
    public long productId() {
        return productId;
    }
}
