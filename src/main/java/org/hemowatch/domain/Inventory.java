package org.hemowatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.hemowatch.domain.alert.ExpiryRules;

import org.hemowatch.domain.inventory.Bucket;
import org.hemowatch.domain.inventory.Codes;
import org.hemowatch.domain.inventory.OutOfStorageIndex;
import org.hemowatch.domain.inventory.Places;
import org.hemowatch.domain.inventory.StockView;
import org.hemowatch.domain.inventory.UnitIndex;
import org.hemowatch.domain.inventory.UnitOrder;
import org.hemowatch.domain.inventory.UseIndex;

/**
 * The current state of every unit, held in memory, with the indexes every read uses.
 * <p>
 * Committed state only: one writer (the store's commit thread) changes it, {@link #publish} making a
 * unit visible after the database committed it; readers on any thread see it. What a batch has
 * decided but not yet committed is staged by the write path ({@code units.WriterView}), not here.
 * <p>
 * Committed units are kept three ways, all changed together on publish: by key (a donation is a
 * key range, so there is no separate DIN map), in {@link Bucket}s of site × component × group ×
 * status in expiry order (unit pages, pick lists, the expiry timer), and as {@link StockView}
 * counts per stock line. Codes (sites, locations, product codes) are interned, so a unit costs its
 * record and the index entries, not copies of its strings. {@link #version()} grows with every
 * published change: a response built from the inventory can carry it as its ETag.
 */
public final class Inventory {

    private final ConcurrentSkipListMap<UnitKey, BloodUnit> committed = new ConcurrentSkipListMap<>(UnitOrder.KEY);
    private final UnitIndex index = new UnitIndex();
    private final StockView stock;
    private final Codes codes = new Codes();
    private final Places places = new Places();
    private final OutOfStorageIndex outOfStorage = new OutOfStorageIndex();
    private final UseIndex uses = new UseIndex(index);
    private volatile Instant openUnitsLoadedAt;

    public Inventory() {
        this(Instant.EPOCH);
    }

    /** An inventory whose near-expiry counts use the default windows ({@link ExpiryRules#defaultWindow}). */
    public Inventory(Instant now) {
        this(now, ExpiryRules::defaultWindow);
    }

    /**
     * @param now        when the expiry classes of the stock counts start (they follow {@link #advance})
     * @param nearExpiry the near-expiry window of each component, for {@link StockView#expiryCounts}
     */
    public Inventory(Instant now, Function<ComponentClass, Duration> nearExpiry) {
        this.stock = new StockView(index, now, nearExpiry);
    }

    /** Loads a unit read from the store at start-up. Writer thread only. */
    public void load(BloodUnit unit) {
        put(unit);
    }

    /**
     * Loads the units read from the store at start-up, all at once, building each index in the order
     * it keeps: the key map in key order and the buckets (and every other index) in FEFO order, so
     * each insert lands next to the one before instead of at a random place of a large skip list
     * (that random placement was most of a start's CPU at a million units). The result is the same as
     * {@link #load}ing each unit. The caller's thread, before the inventory is shared with readers.
     */
    public void loadAll(List<BloodUnit> units) {
        if (!committed.isEmpty()) {
            units.forEach(this::put);
            return;
        }
        BloodUnit[] byKey = new BloodUnit[units.size()];
        for (int i = 0; i < byKey.length; i++) {
            byKey[i] = codes.compact(units.get(i), null);
        }
        Arrays.parallelSort(byKey, (a, b) -> UnitOrder.KEY.compare(a.key(), b.key())); // stable: of one key read twice, the last stands
        int n = 0;
        for (int i = 0; i < byKey.length; i++) {
            if (i + 1 < byKey.length && byKey[i].key().equals(byKey[i + 1].key())) {
                continue;
            }
            committed.put(byKey[i].key(), byKey[i]);
            byKey[n++] = byKey[i];
        }
        BloodUnit[] fefo = Arrays.copyOf(byKey, n);
        Arrays.parallelSort(fefo, UnitOrder.FEFO);
        for (BloodUnit u : fefo) {
            index(null, u);
        }
    }

    /**
     * Says that only open units were loaded at {@code at}: units final before then stay in the store
     * (the writer reads the stored row of every unit it changes, and brings such a unit into memory then).
     */
    public void loadedOpenUnits(Instant at) {
        this.openUnitsLoadedAt = at;
    }

    /** True when {@code stored} was left in the store at start because it was already final (its history was never new here). */
    public boolean leftInStoreAtStart(BloodUnit stored) {
        Instant at = openUnitsLoadedAt;
        return at != null && stored.status().isFinal() && stored.updated().isBefore(at) && committed.get(stored.key()) == null;
    }

    /** The shared instance of a code or short text (site, location, product code...), as the units held use it. */
    public String shared(String text) {
        return codes.intern(text);
    }

    /** Makes a committed unit visible to readers, after the database commit. Writer thread only. */
    public void publish(BloodUnit unit) {
        put(unit);
    }

    /**
     * Applies a unit state committed elsewhere (another instance, read back from the database):
     * ignored unless it is newer than the state held. Writer thread only.
     *
     * @return true when it was applied
     */
    public boolean applyCommitted(BloodUnit unit) {
        BloodUnit held = committed.get(unit.key());
        if (held != null && held.version() >= unit.version()) {
            return false;
        }
        put(unit);
        return true;
    }

    private void put(BloodUnit given) {
        BloodUnit unit = codes.compact(given, committed.get(given.key()));
        BloodUnit before = committed.put(unit.key(), unit);
        index(before, unit);
    }

    /** Moves a unit in every index but the key map. */
    private void index(BloodUnit before, BloodUnit unit) {
        stock.replace(before, unit);
        places.move(before, unit);
        outOfStorage.move(before, unit);
        uses.move(before, unit);
    }

    /** Moves the expiry classes of the stock counts to {@code now} (the timer calls it; so does every stock read). */
    public void advance(Instant now) {
        stock.advance(now);
    }

    /** Committed state of one unit, or null. */
    public BloodUnit get(UnitKey key) {
        return committed.get(key);
    }

    /** Committed state of all products of a donation, in product order. */
    public List<BloodUnit> byDin(String din) {
        return List.copyOf(donation(din).values());
    }

    private NavigableMap<UnitKey, BloodUnit> donation(String din) {
        return committed.subMap(new UnitKey(din, "", ""), true, new UnitKey(din + '\0', "", ""), false);
    }

    /**
     * Committed units matching a filter. This walks every unit: for rare reads only; pages, pick
     * lists and counts use {@link #index()} and {@link #stock()}.
     */
    public List<BloodUnit> find(Predicate<BloodUnit> filter) {
        return committed.values().stream().filter(filter).toList();
    }

    /**
     * Committed units that are not final at one location of a site (a fridge whose excursion
     * quarantines the available ones), from the place index: the cost is the units there.
     */
    public List<BloodUnit> at(String site, String location) {
        return places.at(site, location).stream().map(committed::get)
                .filter(u -> u != null && site.equals(u.site()) && location.equals(u.location())).toList();
    }

    /** AVAILABLE units out of controlled storage, by component class in the order they left (the out-of-storage timer's index). */
    public OutOfStorageIndex outOfStorage() {
        return outOfStorage;
    }

    /** Units of each intended use but UNSPECIFIED, in buckets keyed like {@link #index()}'s. */
    public UseIndex uses() {
        return uses;
    }

    /** A live, read-only view of all committed units (walking it is O(n)). */
    public Collection<BloodUnit> all() {
        return Collections.unmodifiableCollection(committed.values());
    }

    /** Units by site × component × group × status, in expiry order. */
    public UnitIndex index() {
        return index;
    }

    /** Counts per stock line and per bucket, kept up to date on publish. */
    public StockView stock() {
        return stock;
    }

    /** Grows with every published change. */
    public long version() {
        return stock.version();
    }

    public int size() {
        return committed.size();
    }
}
