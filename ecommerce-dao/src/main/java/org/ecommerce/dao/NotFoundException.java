package org.ecommerce.dao;

/** The operation names something that does not exist (an unknown id, an order of another customer). */
public final class NotFoundException extends EcommerceException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String key;

    /**
     * @param entity what was looked for, e.g. {@code "product"}
     * @param key    how it was looked for, e.g. its id
     */
    public NotFoundException(String entity, Object key) {
        super(entity + " " + key + " not found");
        this.entity = entity;
        this.key = String.valueOf(key);
    }

    /** What was looked for, e.g. {@code "product"}. */
    public String entity() {
        return entity;
    }

    /** The id or other key that was not found. */
    public String key() {
        return key;
    }
}
