package org.ecommerce.dao;

/**
 * Which page of a listing to return.
 *
 * @param number 0-based page number
 * @param size   items per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int number, int size) {

    /** The largest page the library returns in one call. */
    public static final int MAX_SIZE = 500;

    /** Validates the request. */
    public PageRequest {
        Validation.notNegative("page.number", number);
        if (size < 1 || size > MAX_SIZE) {
            throw new ValidationException("page.size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) number * size > Integer.MAX_VALUE) {
            throw new ValidationException("page.number", "is too far");
        }
    }

    /** The first page of {@code size} items. */
    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** The page after this one. */
    public PageRequest next() {
        return new PageRequest(number + 1, size);
    }

    /** The number of items before this page. */
    public int offset() {
        return number * size;
    }
}
