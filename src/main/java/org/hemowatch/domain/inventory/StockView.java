package org.hemowatch.domain.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.function.Function;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.domain.supply.StockKey;

/**
 * What stock reads need, kept up to date at publish time: the {@link UnitIndex} and the
 * {@link StockCounts} of issuable units per line, changed together under one lock, and a
 * {@link #version()} that grows with every change (a unit published, or a unit crossing a 24 h
 * / 72 h / near-expiry / expiry bound as time passes).
 * <p>
 * Contract: one writer calls {@link #replace}; any thread calls the rest. {@link #lines} is
 * O(lines + units whose expiry class changed since the last call), independent of stock size.
 */
public final class StockView {

    private final UnitIndex index;
    private final StockCounts counts;
    private volatile long version;
    /** The last counts handed out, of version {@code last.version()}: handed out again while nothing changed. */
    private volatile Lines last;

    /**
     * Wired by the {@link org.hemowatch.domain.Inventory} that owns {@code index}.
     *
     * @param nearExpiry the near-expiry window of each component (the expiry alerts' figure)
     */
    public StockView(UnitIndex index, Instant now, Function<ComponentClass, Duration> nearExpiry) {
        this.index = index;
        this.counts = new StockCounts(now, nearExpiry);
    }

    /** Counts of issuable units per line at one moment, and the version they belong to. */
    public record Lines(long version, Instant asOf, Map<StockKey, int[]> counts) {
        /** {available, expiring24h, expiring72h, nearExpiry}, or zeros. */
        public int[] of(StockKey key) {
            int[] c = counts.get(key);
            return c != null ? c.clone() : new int[StockCounts.FIGURES];
        }
    }

    /** Moves a unit from its state {@code before} (null: new) to {@code after}. The inventory's writer only. */
    public synchronized void replace(BloodUnit before, BloodUnit after) {
        index.move(before, after);
        if (before != null) {
            counts.remove(before);
        }
        counts.add(after);
        version++;
    }

    /** Moves the expiry classes to {@code now}; a later {@code now} than any before, or a recount. */
    public synchronized void advance(Instant now) {
        long before = counts.changes();
        counts.advance(now, availableBuckets());
        if (counts.changes() != before) {
            version++;
        }
    }

    /**
     * The counts per line at {@code now} (advancing to it first, so they are exact at {@code now}).
     * While no unit changed and none crossed a bound since the last call, that call's counts are
     * returned again without the lock ({@code asOf} is then when they were computed; they hold until
     * the version changes): a poll costs three volatile reads.
     */
    public Lines lines(Instant now) {
        Lines kept = last;
        if (kept != null && kept.version() == version && !now.isBefore(counts.asOf()) && now.isBefore(counts.nextChange())) {
            return kept;
        }
        synchronized (this) {
            advance(now);
            kept = last;
            if (kept == null || kept.version() != version) {
                kept = new Lines(version, counts.asOf(), Collections.unmodifiableMap(counts.snapshot()));
                last = kept;
            }
            return kept;
        }
    }

    /** AVAILABLE general-stock units of one line in expiry order (expired ones first, until the timer marks them). */
    public NavigableSet<BloodUnit> available(String site, ComponentClass component, BloodGroup group) {
        Bucket b = index.bucket(new Bucket.Key(site, component, Codes.group(group), UnitStatus.AVAILABLE, true));
        return b == null ? Collections.emptyNavigableSet() : b.units();
    }

    /** Units per bucket (non-empty buckets only), ordered by site, component, group and status. */
    public Map<Bucket.Key, Integer> bucketSizes() {
        Map<Bucket.Key, Integer> out = new TreeMap<>(java.util.Comparator.comparing(Bucket.Key::site)
                .thenComparing(Bucket.Key::component).thenComparing(k -> k.group().label())
                .thenComparing(Bucket.Key::status).thenComparing(Bucket.Key::general));
        for (Bucket b : index.buckets()) {
            if (b.size() > 0) {
                out.put(b.key(), b.size());
            }
        }
        return out;
    }

    /**
     * The expiry alerts' figures at {@code now}: near-expiry counts per line from the counts (exact at
     * {@code now}), the first issuable expiry of each site × component from its buckets' heads, and the
     * units held past expiry from the EXPIRED bucket sizes plus the units of the other in-stock buckets up
     * to {@code now} (those the expiry timer has yet to mark). Cost: O(buckets · log n + units past expiry
     * not yet marked); no walk over the units near expiry.
     */
    public ExpiryCounts expiryCounts(Instant now) {
        Lines lines = lines(now);
        Map<StockKey, int[]> near = new TreeMap<>(java.util.Comparator.comparing(StockKey::site)
                .thenComparing(StockKey::component).thenComparing(k -> k.group().label()));
        lines.counts().forEach((k, c) -> {
            if (c[StockCounts.NEAR_EXPIRY] > 0) {
                near.put(k, c);
            }
        });
        Instant after = now.plusNanos(1);
        Map<SiteComponent, Instant> first = new HashMap<>();
        for (Bucket b : availableBuckets()) {
            BloodUnit head = b.units().ceiling(UnitOrder.before(after));
            if (head != null) {
                first.merge(new SiteComponent(b.key().site(), b.key().component()), head.expires(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        List<ExpiryCounts.Near> out = new ArrayList<>();
        Map<String, Integer> byGroup = new HashMap<>();
        SiteComponent at = null;
        for (Map.Entry<StockKey, int[]> e : near.entrySet()) {
            SiteComponent line = new SiteComponent(e.getKey().site(), e.getKey().component());
            if (at != null && !at.equals(line)) {
                out.add(nearOf(at, byGroup, first));
                byGroup = new HashMap<>();
            }
            at = line;
            byGroup.put(e.getKey().group().label(), e.getValue()[StockCounts.NEAR_EXPIRY]);
        }
        if (at != null) {
            out.add(nearOf(at, byGroup, first));
        }
        Map<String, Map<String, Integer>> expired = new HashMap<>();
        for (Bucket b : index.select(k -> k.status().inStock())) {
            int n = b.key().status() == UnitStatus.EXPIRED ? b.size() : b.units().headSet(UnitOrder.before(after), false).size();
            if (n > 0) {
                expired.computeIfAbsent(b.key().site(), s -> new HashMap<>()).merge(b.key().component().code(), n, Integer::sum);
            }
        }
        return new ExpiryCounts(out, expired);
    }

    private record SiteComponent(String site, ComponentClass component) {
    }

    private static ExpiryCounts.Near nearOf(SiteComponent line, Map<String, Integer> byGroup, Map<SiteComponent, Instant> first) {
        return new ExpiryCounts.Near(line.site(), line.component(), byGroup,
                byGroup.values().stream().mapToInt(Integer::intValue).sum(), first.get(line));
    }

    private List<Bucket> availableBuckets() {
        return index.select(k -> k.status() == UnitStatus.AVAILABLE && k.general());
    }

    /** Grows with every change of a unit or of a count. */
    public long version() {
        return version;
    }

    /** Units in stock that expire before {@code bound}: the buckets of {@code statuses}, each read up to the bound. */
    public List<BloodUnit> expiringBefore(Instant bound, Collection<UnitStatus> statuses) {
        List<Bucket> from = index.select(k -> statuses.contains(k.status()));
        return UnitIndex.page(from, null, bound, 0, Integer.MAX_VALUE);
    }
}
