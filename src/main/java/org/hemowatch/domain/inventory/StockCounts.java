package org.hemowatch.domain.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.supply.GeneralStock;
import org.hemowatch.domain.supply.StockKey;

/**
 * Issuable units per stock line, how many of them expire within 24 h and 72 h, and how many
 * within their component's near-expiry window (the expiry alerts' figure), kept exact as units
 * change ({@link #add}, {@link #remove}) and as time passes ({@link #advance}), without a scan of
 * the stock.
 * <p>
 * Each AVAILABLE unit of general stock is in one class relative to {@code asOf}, given by the
 * bounds of its component, {@code 0 < b1 < … < bk} (the distinct values of 24 h, 72 h and the
 * window):
 * <pre>
 *   class k+1 ──asOf passes expires−bk──▶ class k ── … ──▶ class 1 ──asOf passes expires──▶ EXPIRED (0)
 *   class i (1 ≤ i ≤ k): asOf + b(i−1) &lt; expires ≤ asOf + bi    class k+1: expires &gt; asOf + bk
 *   EXPIRED: expires ≤ asOf (no longer counted)
 * </pre>
 * A line's {@code available} counts every class but 0; a figure with bound {@code b} counts the
 * classes up to b's (the same bounds as {@code SupplyAssessor} and {@code ExpiryRules}).
 * {@link #advance} moves only the units whose class changes: those whose expiry lies in one range
 * per bound, read from the AVAILABLE buckets in expiry order, each unit once. Time is a parameter;
 * a clock that goes back recounts from the buckets.
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
    /** Positions in a line's figures: {available, expiring24h, expiring72h, nearExpiry}. */
    static final int AVAILABLE = 0;
    static final int NEAR_EXPIRY = 3;
    static final int FIGURES = 4;

    /** Per component: its bounds (ascending, from zero) and, per figure after the first, the class of its bound. */
    private record Bounds(Duration[] at, int[] figureClass) {
    }

    private final Map<StockKey, int[]> lines = new HashMap<>();
    private final Map<ComponentClass, Bounds> bounds = new EnumMap<>(ComponentClass.class);

    private volatile Instant asOf;
    private volatile Instant nextChange = Instant.MIN;
    private long changes;

    /** @param window the near-expiry window of each component (positive) */
    StockCounts(Instant asOf, Function<ComponentClass, Duration> window) {
        this.asOf = asOf;
        for (ComponentClass c : ComponentClass.values()) {
            Duration w = window.apply(c);
            NavigableSet<Duration> distinct = new TreeSet<>(java.util.List.of(Duration.ZERO, H24, H72, w));
            Duration[] at = distinct.toArray(new Duration[0]);
            int[] figureClass = {0, indexOf(at, H24), indexOf(at, H72), indexOf(at, w)};
            bounds.put(c, new Bounds(at, figureClass));
        }
    }

    private static int indexOf(Duration[] at, Duration d) {
        return java.util.Arrays.asList(at).indexOf(d);
    }

    static boolean counted(BloodUnit u) {
        return u.status() == UnitStatus.AVAILABLE && GeneralStock.counts(u);
    }

    void add(BloodUnit u) {
        if (counted(u)) {
            Bounds b = bounds.get(u.component());
            apply(StockKey.of(u), b, classOf(u.expires(), asOf, b), 1);
            Instant next = crossingAfter(u.expires(), asOf, b);
            if (next.isBefore(nextChange)) {
                nextChange = next;
            }
        }
    }

    void remove(BloodUnit u) {
        if (counted(u)) {
            Bounds b = bounds.get(u.component());
            apply(StockKey.of(u), b, classOf(u.expires(), asOf, b), -1);
        }
    }

    /**
     * Moves the counts to {@code now}. {@code available} are the buckets of AVAILABLE general-stock
     * units. Cost: O(1) before {@link #nextChange()}, else O(lines · log n + units whose class changed).
     */
    void advance(Instant now, Collection<Bucket> available) {
        if (now.equals(asOf)) {
            return;
        }
        if (now.isBefore(asOf)) {
            recount(now, available);
            nextChange = firstCrossing(now, available);
            return;
        }
        if (now.isBefore(nextChange)) {
            asOf = now; // no unit changes class before nextChange
            return;
        }
        Instant from = asOf;
        for (Bucket bucket : available) {
            StockKey line = new StockKey(bucket.key().site(), bucket.key().component(), bucket.key().group());
            Bounds b = bounds.get(bucket.key().component());
            Duration[] at = b.at();
            // each unit once, in the range of the highest bound it crosses
            for (int i = at.length - 1; i >= 0; i--) {
                Instant high = now.plus(at[i]);
                if (i < at.length - 1) {
                    high = min(high, from.plus(at[i + 1]));
                }
                cross(bucket.units(), line, b, from.plus(at[i]), high, from, now);
            }
        }
        asOf = now;
        nextChange = firstCrossing(now, available);
    }

    /** Units with {@code low < expires ≤ high} move from their class at {@code from} to their class at {@code now}. */
    private void cross(NavigableSet<BloodUnit> units, StockKey line, Bounds b, Instant low, Instant high, Instant from, Instant now) {
        if (!low.isBefore(high)) {
            return;
        }
        for (BloodUnit u : units.subSet(UnitOrder.before(low.plusNanos(1)), true, UnitOrder.before(high.plusNanos(1)), false)) {
            int was = classOf(u.expires(), from, b);
            int is = classOf(u.expires(), now, b);
            if (was != is) {
                apply(line, b, was, -1);
                apply(line, b, is, 1);
            }
        }
    }

    /** When a unit expiring at {@code expires} next changes class after {@code at} (MAX: never, it is expired). */
    private static Instant crossingAfter(Instant expires, Instant at, Bounds b) {
        for (int i = b.at().length - 1; i >= 0; i--) {
            Instant cross = expires.minus(b.at()[i]);
            if (cross.isAfter(at)) {
                return cross;
            }
        }
        return Instant.MAX;
    }

    /** The first class change after {@code asOf} among the units of {@code available}: O(buckets · bounds · log n). */
    private Instant firstCrossing(Instant asOf, Collection<Bucket> available) {
        Instant first = Instant.MAX;
        for (Bucket bucket : available) {
            for (Duration bound : bounds.get(bucket.key().component()).at()) {
                BloodUnit u = bucket.units().ceiling(UnitOrder.before(asOf.plus(bound).plusNanos(1)));
                if (u != null && u.expires().minus(bound).isBefore(first)) {
                    first = u.expires().minus(bound);
                }
            }
        }
        return first;
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

    /** 0 expired, i when expires ≤ at + bound i (the first such), bounds.length when beyond every bound. */
    private static int classOf(Instant expires, Instant at, Bounds b) {
        if (!expires.isAfter(at)) {
            return 0;
        }
        Duration[] bs = b.at();
        for (int i = 1; i < bs.length; i++) {
            if (!expires.isAfter(at.plus(bs[i]))) {
                return i;
            }
        }
        return bs.length;
    }

    private void apply(StockKey line, Bounds b, int cls, int delta) {
        if (cls == 0) {
            return;
        }
        int[] c = lines.computeIfAbsent(line, k -> new int[FIGURES]);
        c[AVAILABLE] += delta;
        for (int f = 1; f < FIGURES; f++) {
            if (cls <= b.figureClass()[f]) {
                c[f] += delta;
            }
        }
        if (c[AVAILABLE] == 0) {
            lines.remove(line);
        }
        changes++;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** {available, expiring24h, expiring72h, nearExpiry} of every line with issuable units, a copy. */
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
