package org.ecommerce.dao;

/** Only a customer who bought a product may review it. */
public final class ReviewNotAllowedException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long customerId;
    private final long productId;

    /**
     * Creates the exception.
     *
     * @param customerId the would-be reviewer
     * @param productId the product they did not buy
     */
    public ReviewNotAllowedException(long customerId, long productId) {
        super("customer " + customerId + " has not bought product " + productId + " and may not review it");
        this.customerId = customerId;
        this.productId = productId;
    }

    /** The would-be reviewer. */
    public long customerId() {
        return customerId;
    }

    /** The product they did not buy. */
    public long productId() {
        return productId;
    }
}
