package org.hemowatch.domain.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.hemowatch.domain.BloodUnit;

/**
 * Every unit in exactly one {@link Bucket}, so a query names buckets (a bounded number: sites ×
 * 6 components × 8 groups × 7 statuses × 2) and reads them in FEFO order; its cost depends on the
 * buckets and the page, not on the stock.
 * <p>
 * Contract: one writer calls {@link #move}; readers on any thread call the rest. A reader may
 * miss a unit while it moves between buckets (for microseconds), never sees it twice in one bucket.
 */
public final class UnitIndex {

    private final ConcurrentHashMap<Bucket.Key, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes {@code before} out of its bucket (if not null) and puts {@code after} in its own (if not null). Writer only. */
    void move(BloodUnit before, BloodUnit after) {
        if (before != null) {
            Bucket b = buckets.get(Bucket.Key.of(before));
            if (b != null) {
                b.remove(before);
            }
        }
        if (after != null) {
            buckets.computeIfAbsent(Bucket.Key.of(after), Bucket::new).add(after);
        }
    }

    /** The bucket of {@code key}, or null when no unit was ever in it. */
    public Bucket bucket(Bucket.Key key) {
        return buckets.get(key);
    }

    /** Every bucket that ever held a unit (some may be empty now). */
    public Collection<Bucket> buckets() {
        return buckets.values();
    }

    /** Buckets whose key passes {@code filter}. */
    public List<Bucket> select(Predicate<Bucket.Key> filter) {
        List<Bucket> out = new ArrayList<>();
        for (Bucket b : buckets.values()) {
            if (b.size() > 0 && filter.test(b.key())) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * A page of the union of {@code from}, in FEFO order: the units strictly after {@code after}
     * (none: from the start), before {@code expiresBefore} (none: no bound), skipping {@code skip}.
     * Cost: O(buckets · log n + (skip + limit) · log buckets).
     *
     * @return up to {@code limit} units
     */
    public static List<BloodUnit> page(Collection<Bucket> from, PageCursor after, Instant expiresBefore, int skip, int limit) {
        return page(from, after, expiresBefore, skip, limit, null);
    }

    /**
     * {@link #page} of the units that pass {@code keep} (null: all); the units it drops are read and
     * skipped, so it is for filters that drop few.
     */
    public static List<BloodUnit> page(Collection<Bucket> from, PageCursor after, Instant expiresBefore, int skip, int limit,
                                       Predicate<BloodUnit> keep) {
        BloodUnit start = after == null ? null : after.position();
        BloodUnit end = expiresBefore == null ? null : UnitOrder.before(expiresBefore);
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, from.size()), (x, y) -> UnitOrder.FEFO.compare(x.unit, y.unit));
        for (Bucket b : from) {
            NavigableSet<BloodUnit> view = b.units();
            if (start != null) {
                view = view.tailSet(start, false);
            }
            if (end != null) {
                view = view.headSet(end, false);
            }
            Iterator<BloodUnit> it = view.iterator();
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        }
        List<BloodUnit> out = new ArrayList<>(Math.min(limit, 1024));
        int skipped = 0;
        while (out.size() < limit && !heads.isEmpty()) {
            Head h = heads.poll();
            boolean kept = keep == null || keep.test(h.unit);
            if (kept && skipped < skip) {
                skipped++;
            } else if (kept) {
                out.add(h.unit);
            }
            if (h.rest.hasNext()) {
                heads.add(new Head(h.rest.next(), h.rest));
            }
        }
        return out;
    }

    /**
     * The units of {@code from} in FEFO order from {@code expiresFrom} on (null: from the start), read
     * lazily: a caller that stops after n units has paid O(buckets · log n + n · log buckets).
     */
    public static Iterator<BloodUnit> merged(Collection<Bucket> from, Instant expiresFrom) {
        BloodUnit start = expiresFrom == null ? null : UnitOrder.before(expiresFrom);
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, from.size()), (x, y) -> UnitOrder.FEFO.compare(x.unit, y.unit));
        for (Bucket b : from) {
            Iterator<BloodUnit> it = (start == null ? b.units() : b.units().tailSet(start, true)).iterator();
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public BloodUnit next() {
                Head h = heads.poll();
                if (h == null) {
                    throw new java.util.NoSuchElementException();
                }
                if (h.rest.hasNext()) {
                    heads.add(new Head(h.rest.next(), h.rest));
                }
                return h.unit;
            }
        };
    }

    /** Exact number of units in {@code from}. */
    public static long count(Collection<Bucket> from) {
        long n = 0;
        for (Bucket b : from) {
            n += b.size();
        }
        return n;
    }

    private record Head(BloodUnit unit, Iterator<BloodUnit> rest) {
    }
}
