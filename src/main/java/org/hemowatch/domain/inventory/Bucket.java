package org.hemowatch.domain.inventory;

import java.util.NavigableSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.supply.GeneralStock;

/**
 * The units of one site × component × group × status × stock kind, in {@link UnitOrder#FEFO}
 * order, with an exact size ({@link ConcurrentSkipListSet#size()} would walk the set).
 * One writer changes it; readers on any thread iterate it (weakly consistent).
 */
public final class Bucket {

    /**
     * @param general false for units that never count in general stock (see {@link GeneralStock})
     */
    public record Key(String site, ComponentClass component, BloodGroup group, UnitStatus status, boolean general) {
        public Key {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(status, "status");
        }

        public static Key of(BloodUnit u) {
            return new Key(u.site(), u.component(), u.group(), u.status(), GeneralStock.counts(u));
        }
    }

    private final Key key;
    private final ConcurrentSkipListSet<BloodUnit> units = new ConcurrentSkipListSet<>(UnitOrder.FEFO);
    private final AtomicInteger size = new AtomicInteger();

    Bucket(Key key) {
        this.key = key;
    }

    public Key key() {
        return key;
    }

    /** Read-only use: the units in FEFO order. */
    public NavigableSet<BloodUnit> units() {
        return units;
    }

    public int size() {
        return size.get();
    }

    void add(BloodUnit u) {
        if (units.add(u)) {
            size.incrementAndGet();
        }
    }

    void remove(BloodUnit u) {
        if (units.remove(u)) {
            size.decrementAndGet();
        }
    }
}
