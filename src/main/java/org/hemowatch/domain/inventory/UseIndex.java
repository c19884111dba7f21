package org.hemowatch.domain.inventory;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.IntendedUse;

/**
 * The units whose intended use is not {@link IntendedUse#UNSPECIFIED} (directed, autologous,
 * research…: few), in one {@link UnitIndex} per use, keyed by the same {@link Bucket.Key}s as the
 * inventory's own index. A query for one such use reads its buckets (cost: its units' buckets and the
 * page); a query for UNSPECIFIED reads the inventory's buckets and skips the few units listed here,
 * and its exact total is the inventory's count minus theirs.
 * <p>
 * Contract: one writer calls {@link #move}; readers on any thread call the rest, as for {@link UnitIndex}.
 */
public final class UseIndex {

    private final Map<IntendedUse, UnitIndex> byUse = new EnumMap<>(IntendedUse.class);
    private final UnitIndex all;

    /** @param all the inventory's index of every unit */
    public UseIndex(UnitIndex all) {
        this.all = all;
        for (IntendedUse use : IntendedUse.values()) {
            if (use != IntendedUse.UNSPECIFIED) {
                byUse.put(use, new UnitIndex());
            }
        }
    }

    /** Takes {@code before} out of its use's index and puts {@code after} in its own (either may be null). Writer only. */
    public void move(BloodUnit before, BloodUnit after) {
        UnitIndex was = before == null ? null : byUse.get(before.intendedUseOrDefault());
        UnitIndex is = after == null ? null : byUse.get(after.intendedUseOrDefault());
        if (was != null) {
            was.move(before, null);
        }
        if (is != null) {
            is.move(null, after);
        }
    }

    /**
     * A page of the units of {@code use} whose bucket key passes {@code filter}, as {@link UnitIndex#page}
     * (FEFO, after the cursor, before the bound, skipping {@code skip}).
     */
    public List<BloodUnit> page(IntendedUse use, Predicate<Bucket.Key> filter, PageCursor after, Instant expiresBefore,
                                int skip, int limit) {
        if (use == IntendedUse.UNSPECIFIED) {
            return UnitIndex.page(all.select(filter), after, expiresBefore, skip, limit,
                    u -> u.intendedUseOrDefault() == IntendedUse.UNSPECIFIED);
        }
        return UnitIndex.page(byUse.get(use).select(filter), after, expiresBefore, skip, limit);
    }

    /** Exact number of units of {@code use} whose bucket key passes {@code filter}: O(buckets). */
    public long count(IntendedUse use, Predicate<Bucket.Key> filter) {
        if (use != IntendedUse.UNSPECIFIED) {
            return UnitIndex.count(byUse.get(use).select(filter));
        }
        long others = 0;
        for (UnitIndex index : byUse.values()) {
            others += UnitIndex.count(index.select(filter));
        }
        return UnitIndex.count(all.select(filter)) - others;
    }
}
