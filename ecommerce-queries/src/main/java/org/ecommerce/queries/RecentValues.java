package org.ecommerce.queries;

/**
 * Values by a {@code long} key in a fixed number of slots, each holding the last value put there:
 * a cache of bounded size with no eviction policy to run, for reads of millions of rows in which
 * a few thousand keys repeat. A key whose slot another key took is simply computed again.
 *
 * @param <V> the cached values
 */
final class RecentValues<V> {

    private final long[] keys;
    private final Object[] values;

    /** A cache of {@code slots} slots, a power of two. */
    RecentValues(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new long[slots];
        values = new Object[slots];
    }

    /** The value last put for {@code key}, or null if there is none or it was displaced. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        int slot = slot(key);
        return keys[slot] == key ? (V) values[slot] : null;
    }

    /** Keeps {@code value} for {@code key}, in place of whatever its slot held. */
    void put(long key, V value) {
        int slot = slot(key);
        keys[slot] = key;
        values[slot] = value;
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: consecutive ids spread over all slots
        return (int) (mixed >>> 32) & (keys.length - 1);
    }
}
