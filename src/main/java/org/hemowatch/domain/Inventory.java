package org.hemowatch.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The current state of every unit, held in memory.
 * <p>
 * One writer (the store's commit thread) changes it: {@link #decideAndStage} stages a decision
 * while its batch is being written, {@link #publish} makes it visible after the database
 * committed, and {@link #restoreStaged} undoes it if the write was rolled back. Readers on any
 * thread see committed state only.
 */
public final class Inventory {

    private final Map<UnitKey, BloodUnit> committed = new ConcurrentHashMap<>();
    private final Map<String, List<UnitKey>> byDin = new ConcurrentHashMap<>();
    private final Map<UnitKey, BloodUnit> staged = new HashMap<>();

    /** Loads a unit read from the store at start-up. Writer thread only. */
    public void load(BloodUnit unit) {
        put(unit);
    }

    /** Current state seen by the writer: staged if a command in this batch changed it, else committed. */
    public BloodUnit forWriter(UnitKey key) {
        BloodUnit s = staged.get(key);
        return s != null ? s : committed.get(key);
    }

    /** Keys of all products of a donation that the writer can see, including staged ones. */
    public List<UnitKey> keysForWriter(String din) {
        List<UnitKey> keys = new ArrayList<>(byDin.getOrDefault(din, List.of()));
        for (UnitKey k : staged.keySet()) {
            if (k.din().equals(din) && !keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Applies a command against the writer's view and stages the result if accepted. */
    public Decision decideAndStage(UnitCommand cmd) {
        Decision d = UnitLifecycle.decide(forWriter(cmd.key()), cmd);
        if (d instanceof Decision.Accepted a) {
            staged.put(a.unit().key(), a.unit());
        }
        return d;
    }

    /** The unit staged for a key in the current batch, or null. Writer thread only. */
    public BloodUnit stagedOnly(UnitKey key) {
        return staged.get(key);
    }

    /** Undoes one staging after its write failed: puts back what was staged before (or nothing). */
    public void restoreStaged(UnitKey key, BloodUnit previouslyStaged) {
        if (previouslyStaged == null) {
            staged.remove(key);
        } else {
            staged.put(key, previouslyStaged);
        }
    }

    /**
     * Makes a committed unit visible to readers, after the database commit. The staging is
     * dropped unless a later write of the same batch has staged a newer state of the unit.
     */
    public void publish(BloodUnit unit) {
        put(unit);
        staged.remove(unit.key(), unit);
    }

    private void put(BloodUnit unit) {
        BloodUnit previous = committed.put(unit.key(), unit);
        if (previous == null) {
            byDin.compute(unit.key().din(), (din, keys) -> {
                List<UnitKey> next = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
                next.add(unit.key());
                return List.copyOf(next);
            });
        }
    }

    /** Committed state of one unit, or null. */
    public BloodUnit get(UnitKey key) {
        return committed.get(key);
    }

    /** Committed state of all products of a donation, in product order. */
    public List<BloodUnit> byDin(String din) {
        return byDin.getOrDefault(din, List.of()).stream()
                .map(committed::get)
                .sorted(Comparator.comparing((BloodUnit u) -> u.key().productCode()).thenComparing(u -> u.key().division()))
                .toList();
    }

    /** Committed units matching a filter. */
    public List<BloodUnit> find(Predicate<BloodUnit> filter) {
        return committed.values().stream().filter(filter).toList();
    }

    /** A live, read-only view of all committed units. */
    public Collection<BloodUnit> all() {
        return java.util.Collections.unmodifiableCollection(committed.values());
    }

    public int size() {
        return committed.size();
    }
}
