package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitLifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units as the writer thread sees them while a batch is written: a decision staged by an
 * earlier command of the batch, else the committed state of the {@link Inventory}. Owned by
 * {@link UnitWrites}, which stages a decision while its batch is written, publishes it to the
 * inventory after COMMIT and restores the staging if the write was rolled back; readers on other
 * threads see only the inventory, that is committed state. Writer thread only.
 */
public final class WriterView {

    private final Inventory inventory;
    private final Map<UnitKey, BloodUnit> staged = new HashMap<>();

    WriterView(Inventory inventory) {
        this.inventory = inventory;
    }

    /** The unit as staged by this batch, else as committed; null when unknown. */
    public BloodUnit unit(UnitKey key) {
        BloodUnit s = staged.get(key);
        return s != null ? s : inventory.get(key);
    }

    /**
     * Keys of all products of a donation, including staged ones (not those left in the store because
     * they were final at start: nothing can change them).
     */
    public List<UnitKey> keysOf(String din) {
        List<UnitKey> keys = new ArrayList<>();
        inventory.byDin(din).forEach(u -> keys.add(u.key()));
        for (UnitKey k : staged.keySet()) {
            if (k.din().equals(din) && !keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Decides a command against this view and stages the result if accepted. */
    Decision decideAndStage(UnitCommand cmd) {
        Decision d = UnitLifecycle.decide(unit(cmd.key()), cmd);
        if (d instanceof Decision.Accepted a) {
            staged.put(a.unit().key(), a.unit());
        }
        return d;
    }

    /** The unit staged for a key in the current batch, or null. */
    BloodUnit stagedOnly(UnitKey key) {
        return staged.get(key);
    }

    /** Undoes one staging after its write failed: puts back what was staged before (or nothing). */
    void restoreStaged(UnitKey key, BloodUnit previouslyStaged) {
        if (previouslyStaged == null) {
            staged.remove(key);
        } else {
            staged.put(key, previouslyStaged);
        }
    }

    /**
     * Makes a committed unit visible to readers, after the database commit. The staging is dropped
     * unless a later write of the same batch has staged a newer state of the unit.
     */
    void publish(BloodUnit unit) {
        inventory.publish(unit);
        staged.remove(unit.key(), unit);
    }
}
