package org.hemowatch.domain.inventory;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitKey;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of the units in each place (site × location) that are not final (transfused, discarded):
 * those a cold-chain excursion there may quarantine. Kept at publish time with the other indexes, so
 * "the units in fridge-3" costs the units in it, not a walk over the stock.
 * <p>
 * Contract: one writer calls {@link #move}; readers on any thread call {@link #at} (weakly consistent:
 * a unit moving between places may be missed for a moment, so a caller that acts re-reads each unit).
 * <p>
 * Compact: the keys of one place are an open-addressing array of references ({@link KeySet}, about
 * 8-16 bytes per unit) rather than a hash set of nodes (about 40), since every unit in stock is listed.
 */
public final class Places {

    private record Place(String site, String location) {
    }

    private final Map<Place, KeySet> units = new ConcurrentHashMap<>();

    /** True for the units a place lists: in a location, not final. */
    static boolean listed(BloodUnit u) {
        return u != null && u.location() != null && !u.status().isFinal();
    }

    /** Takes {@code before} out of its place and puts {@code after} in its own (either may be null or unlisted). Writer only. */
    public void move(BloodUnit before, BloodUnit after) {
        boolean was = listed(before);
        boolean is = listed(after);
        if (was && is && before.site().equals(after.site()) && before.location().equals(after.location())) {
            return;
        }
        if (was) {
            Place p = new Place(before.site(), before.location());
            KeySet keys = units.get(p);
            if (keys != null) {
                keys.remove(before.key());
            }
        }
        if (is) {
            units.computeIfAbsent(new Place(after.site(), after.location()), p -> new KeySet()).add(after.key());
        }
    }

    /** The keys of the units that are not final at {@code location} of {@code site}. */
    public List<UnitKey> at(String site, String location) {
        KeySet keys = units.get(new Place(site, location));
        return keys == null ? List.of() : keys.toList();
    }
}
