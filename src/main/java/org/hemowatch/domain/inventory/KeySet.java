package org.hemowatch.domain.inventory;

import java.util.ArrayList;
import java.util.List;

import org.hemowatch.domain.UnitKey;

/**
 * A set of unit keys as one open-addressing array (linear probing, deletion by backward shift), for
 * indexes that list every unit: a key costs one or two reference slots (a load of at most 1/2, so a probe is short), not a hash
 * node. Compared by {@code equals}. Every method holds the set's lock: one writer adds and removes,
 * readers on any thread copy it with {@link #toList}.
 */
final class KeySet {

    private static final int MIN_CAPACITY = 8;

    private UnitKey[] slots = new UnitKey[MIN_CAPACITY];
    private int size;

    synchronized boolean add(UnitKey key) {
        int i = find(slots, key);
        if (slots[i] != null) {
            return false;
        }
        slots[i] = key;
        if (++size * 2 > slots.length) {
            resize(slots.length * 2);
        }
        return true;
    }

    synchronized boolean remove(UnitKey key) {
        int i = find(slots, key);
        if (slots[i] == null) {
            return false;
        }
        slots[i] = null;
        size--;
        // backward shift: move later keys of the probe run into the hole, so lookups need no tombstones
        int mask = slots.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = spread(slots[j]) & mask;
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
        if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            resize(slots.length / 2);
        }
        return true;
    }

    synchronized int size() {
        return size;
    }

    synchronized List<UnitKey> toList() {
        List<UnitKey> out = new ArrayList<>(size);
        for (UnitKey k : slots) {
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    private void resize(int capacity) {
        UnitKey[] old = slots;
        slots = new UnitKey[capacity];
        for (UnitKey k : old) {
            if (k != null) {
                slots[find(slots, k)] = k;
            }
        }
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private static int find(UnitKey[] slots, UnitKey key) {
        int mask = slots.length - 1;
        int i = spread(key) & mask;
        while (slots[i] != null && !slots[i].equals(key)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int spread(UnitKey key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }
}
