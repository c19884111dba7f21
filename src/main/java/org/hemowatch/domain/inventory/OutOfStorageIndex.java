package org.hemowatch.domain.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;

/**
 * The AVAILABLE units that are out of controlled storage ({@code outOfStorageSince} set), per
 * component class in the order they left it, kept at publish time with the other indexes. The
 * out-of-storage timer asks for the units out longer than their class's limit: each class's set
 * is read up to {@code now − limit}, so the cost is the units returned, not the stock nor even
 * the units out of storage.
 * <p>
 * Contract: one writer calls {@link #move}; readers on any thread call the rest (weakly
 * consistent: a unit moving at that moment may be missed or seen in its earlier state, so a
 * caller that acts decides again on the writer, as the timer does).
 */
public final class OutOfStorageIndex {

    private static final Comparator<BloodUnit> BY_LEFT = Comparator.comparing(BloodUnit::outOfStorageSince)
            .thenComparing(BloodUnit::key, UnitOrder.KEY);

    private final Map<ComponentClass, NavigableSet<BloodUnit>> out = new EnumMap<>(ComponentClass.class);

    public OutOfStorageIndex() {
        for (ComponentClass c : ComponentClass.values()) {
            out.put(c, new ConcurrentSkipListSet<>(BY_LEFT));
        }
    }

    /** True for the units the index lists: AVAILABLE and out of controlled storage. */
    static boolean listed(BloodUnit u) {
        return u != null && u.status() == UnitStatus.AVAILABLE && u.outOfStorageSince() != null;
    }

    /** Takes {@code before} out (if listed) and puts {@code after} in (if listed); either may be null. Writer only. */
    public void move(BloodUnit before, BloodUnit after) {
        if (listed(before)) {
            out.get(before.component()).remove(before);
        }
        if (listed(after)) {
            out.get(after.component()).add(after);
        }
    }

    /**
     * The listed units that left controlled storage strictly before {@code now − limit(component)},
     * i.e. out longer than their limit at {@code now}; a class whose limit is null is not read.
     * In component order, then the order they left.
     */
    public List<BloodUnit> outLongerThan(Function<ComponentClass, java.time.Duration> limit, Instant now) {
        List<BloodUnit> due = new ArrayList<>();
        for (Map.Entry<ComponentClass, NavigableSet<BloodUnit>> e : out.entrySet()) {
            java.time.Duration l = limit.apply(e.getKey());
            if (l == null || e.getValue().isEmpty()) {
                continue;
            }
            Instant bound = now.minus(l);
            for (BloodUnit u : e.getValue()) {
                if (!u.outOfStorageSince().isBefore(bound)) {
                    break;
                }
                due.add(u);
            }
        }
        return due;
    }

    /** How many units are listed (walks the sets: for tests and rare reads). */
    public int size() {
        return out.values().stream().mapToInt(NavigableSet::size).sum();
    }
}
