package org.ecommerce.cli.transfer;

/**
 * The first line on which each whole-number key was seen: an open-addressing map of primitive
 * longs, so that checking a million ids for uniqueness takes 32 MB, not a million boxed entries.
 */
final class LongLineMap {

    private long[] keys = new long[1 << 10];
    private long[] lines = new long[1 << 10]; // 0: free slot (data lines start at 2)
    private int size;

    /**
     * Stores {@code line} for {@code key} unless the key is already there.
     *
     * @return the line already stored for the key, or 0 if {@code line} was stored
     */
    long putIfAbsent(long key, long line) {
        if (line <= 0) {
            throw new IllegalArgumentException("line must be positive: " + line);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (lines[i] == 0) {
                keys[i] = key;
                lines[i] = line;
                size++;
                return 0;
            }
            if (keys[i] == key) {
                return lines[i];
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new long[oldLines.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldLines[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (lines[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                lines[i] = oldLines[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
