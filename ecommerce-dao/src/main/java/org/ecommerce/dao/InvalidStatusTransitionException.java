package org.ecommerce.dao;

/** A delivery or return cannot move from its current status to the one asked for. */
public final class InvalidStatusTransitionException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String from;
    private final String to;

    /**
     * @param entity {@code "delivery"} or {@code "return"}
     * @param from   the current status
     * @param to     the status asked for
     */
    public InvalidStatusTransitionException(String entity, String from, String to) {
        super(entity + " cannot go from " + from + " to " + to);
        this.entity = entity;
        this.from = from;
        this.to = to;
    }

    /** {@code "delivery"} or {@code "return"}. */
    public String entity() {
        return entity;
    }

    /** The current status. */
    public String from() {
        return from;
    }

    /** The status asked for. */
    public String to() {
        return to;
    }
}
