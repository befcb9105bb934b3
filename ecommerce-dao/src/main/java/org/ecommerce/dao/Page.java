package org.ecommerce.dao;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items      the items on this page, in the listing's order
 * @param request    the page that was asked for
 * @param totalItems how many items the whole listing has
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, PageRequest request, long totalItems) {

    /** Makes the item list immutable. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether a further page has items. */
    public boolean hasNext() {
        return (long) request.offset() + items.size() < totalItems;
    }
}
