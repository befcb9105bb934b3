package org.ecommerce.dao;

/** A return asks for more units than were bought minus those already returned. */
public final class ReturnExceedsPurchaseException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final long productId;

    /**
     * Creates the exception.
     *
     * @param productId the product returned too often
     */
    public ReturnExceedsPurchaseException(long productId) {
        super("product " + productId + ": more units returned than bought");
        this.productId = productId;
    }

    /** The product returned too often. */
    public long productId() {
        return productId;
    }
}
