package org.hemowatch.domain.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.supply.GeneralStock;
import org.hemowatch.domain.supply.StockKey;

/**
 * Issuable units per stock line and how many of them expire within 24 h and 72 h, kept exact as
 * units change ({@link #add}, {@link #remove}) and as time passes ({@link #advance}), without a
 * scan of the stock.
 * <p>
 * Each AVAILABLE unit of general stock is in one class relative to {@code asOf}:
 * <pre>
 *   LATER ──asOf passes expires−72h──▶ H72 ──expires−24h──▶ H24 ──expires──▶ EXPIRED
 *   LATER: expires &gt; asOf+72h    H72: asOf+24h &lt; expires ≤ asOf+72h
 *   H24:   asOf &lt; expires ≤ asOf+24h    EXPIRED: expires ≤ asOf (no longer counted)
 * </pre>
 * A line's {@code available} counts H24, H72 and LATER; {@code expiring72h} counts H24 and H72;
 * {@code expiring24h} counts H24 (the same bounds as {@code SupplyAssessor}). {@link #advance}
 * moves only the units whose class changes: those whose expiry lies in one of three ranges, read
 * from the AVAILABLE buckets in expiry order, each unit once. Time is a parameter; a clock that
 * goes back recounts from the buckets.
 * <p>
 * {@link #nextChange()} is never later than the first instant after {@code asOf} at which a counted
 * unit changes class (the first expiry − bound still ahead, over the buckets' first units past each
 * bound, lowered by every {@link #add}); until then {@link #advance} only moves {@code asOf}, in O(1).
 * So a read between two crossings costs nothing, and only a crossing pays the walk.
 * <p>
 * Not thread-safe: the {@link org.hemowatch.domain.Inventory} calls it under its lock ({@link #asOf()}
 * and {@link #nextChange()} may be read without it, to decide that nothing changed).
 */
final class StockCounts {

    static final Duration H24 = Duration.ofHours(24);
    static final Duration H72 = Duration.ofHours(72);
    private static final int AVAILABLE = 0;
    private static final int EXPIRING_24H = 1;
    private static final int EXPIRING_72H = 2;

    private final Map<StockKey, int[]> lines = new HashMap<>();
    private static final Duration[] BOUNDS = {Duration.ZERO, H24, H72};

    private volatile Instant asOf;
    private volatile Instant nextChange = Instant.MIN;
    private long changes;

    StockCounts(Instant asOf) {
        this.asOf = asOf;
    }

    static boolean counted(BloodUnit u) {
        return u.status() == UnitStatus.AVAILABLE && GeneralStock.counts(u);
    }

    void add(BloodUnit u) {
        if (counted(u)) {
            apply(StockKey.of(u), classOf(u.expires(), asOf), 1);
            Instant next = crossingAfter(u.expires(), asOf);
            if (next.isBefore(nextChange)) {
                nextChange = next;
            }
        }
    }

    /** When a unit expiring at {@code expires} next changes class after {@code at} (MAX: never, it is expired). */
    private static Instant crossingAfter(Instant expires, Instant at) {
        for (int i = BOUNDS.length - 1; i >= 0; i--) {
            Instant cross = expires.minus(BOUNDS[i]);
            if (cross.isAfter(at)) {
                return cross;
            }
        }
        return Instant.MAX;
    }

    /** The first class change after {@code asOf} among the units of {@code available}: O(buckets · log n). */
    private static Instant firstCrossing(Instant asOf, Collection<Bucket> available) {
        Instant first = Instant.MAX;
        for (Bucket b : available) {
            for (Duration bound : BOUNDS) {
                BloodUnit u = b.units().ceiling(UnitOrder.before(asOf.plus(bound).plusNanos(1)));
                if (u != null) {
                    Instant cross = u.expires().minus(bound);
                    if (cross.isBefore(first)) {
                        first = cross;
                    }
                }
            }
        }
        return first;
    }

    void remove(BloodUnit u) {
        if (counted(u)) {
            apply(StockKey.of(u), classOf(u.expires(), asOf), -1);
        }
    }

    /**
     * Moves the counts to {@code now}. {@code available} are the buckets of AVAILABLE general-stock
     * units. Cost: O(lines · log n + units whose class changed).
     */
    void advance(Instant now, Collection<Bucket> available) {
        if (now.equals(asOf)) {
            return;
        }
        if (now.isBefore(asOf)) {
            recount(now, available);
            nextChange = firstCrossing(asOf, available);
            return;
        }
        if (now.isBefore(nextChange)) {
            asOf = now; // no unit changes class before nextChange
            return;
        }
        Instant from = asOf;
        for (Bucket b : available) {
            StockKey line = new StockKey(b.key().site(), b.key().component(), b.key().group());
            NavigableSet<BloodUnit> units = b.units();
            // each unit once, in the range of the highest bound it crosses
            cross(units, line, from.plus(H72), now.plus(H72), from, now);
            cross(units, line, from.plus(H24), min(now.plus(H24), from.plus(H72)), from, now);
            cross(units, line, from, min(now, from.plus(H24)), from, now);
        }
        asOf = now;
        nextChange = firstCrossing(now, available);
    }

    /** Units with {@code low < expires ≤ high} move from their class at {@code from} to their class at {@code now}. */
    private void cross(NavigableSet<BloodUnit> units, StockKey line, Instant low, Instant high, Instant from, Instant now) {
        if (!low.isBefore(high)) {
            return;
        }
        for (BloodUnit u : units.subSet(UnitOrder.before(low.plusNanos(1)), true, UnitOrder.before(high.plusNanos(1)), false)) {
            int was = classOf(u.expires(), from);
            int is = classOf(u.expires(), now);
            if (was != is) {
                apply(line, was, -1);
                apply(line, is, 1);
            }
        }
    }

    private void recount(Instant now, Collection<Bucket> available) {
        lines.clear();
        asOf = now;
        for (Bucket b : available) {
            for (BloodUnit u : b.units()) {
                add(u);
            }
        }
        changes++;
    }

    /** 0 expired, 1 within 24 h, 2 within 72 h, 3 later. */
    private static int classOf(Instant expires, Instant at) {
        if (!expires.isAfter(at)) {
            return 0;
        }
        if (!expires.isAfter(at.plus(H24))) {
            return 1;
        }
        return !expires.isAfter(at.plus(H72)) ? 2 : 3;
    }

    private void apply(StockKey line, int cls, int delta) {
        if (cls == 0) {
            return;
        }
        int[] c = lines.computeIfAbsent(line, k -> new int[3]);
        c[AVAILABLE] += delta;
        if (cls == 1) {
            c[EXPIRING_24H] += delta;
        }
        if (cls <= 2) {
            c[EXPIRING_72H] += delta;
        }
        if (c[AVAILABLE] == 0) {
            lines.remove(line);
        }
        changes++;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** {available, expiring24h, expiring72h} of every line with issuable units, a copy. */
    Map<StockKey, int[]> snapshot() {
        Map<StockKey, int[]> copy = new HashMap<>(lines.size() * 2);
        lines.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    Instant asOf() {
        return asOf;
    }

    /** No counted unit changes class before this instant (after {@link #asOf()}). */
    Instant nextChange() {
        return nextChange;
    }

    /** Changes so far: grows whenever a count changed. */
    long changes() {
        return changes;
    }
}
