package org.hemowatch.domain.inventory;

import java.util.concurrent.ConcurrentHashMap;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;

/**
 * Makes the units the inventory holds share their repeated values: one instance per site,
 * location, destination, product code, division and status reason (codes from small sets), one
 * per blood group, and the key of the unit's earlier state. A million units then cost their own
 * records and DINs, not a million copies of "main" and "fridge-1".
 * <p>
 * Bounded: texts longer than {@value #MAX_LENGTH} characters (free-text reasons) are not interned,
 * and after {@value #MAX_CODES} distinct values nothing new is.
 */
public final class Codes {

    static final int MAX_LENGTH = 64;
    static final int MAX_CODES = 100_000;
    private static final BloodGroup[] GROUPS = new BloodGroup[Abo.values().length * RhD.values().length];

    static {
        for (Abo a : Abo.values()) {
            for (RhD r : RhD.values()) {
                GROUPS[a.ordinal() * RhD.values().length + r.ordinal()] = new BloodGroup(a, r);
            }
        }
    }

    private final ConcurrentHashMap<String, String> codes = new ConcurrentHashMap<>();

    /** The shared instance of {@code text} (or {@code text} itself when it is not interned). */
    public String intern(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return text;
        }
        String held = codes.get(text);
        if (held != null) {
            return held;
        }
        if (codes.size() >= MAX_CODES) {
            return text;
        }
        held = codes.putIfAbsent(text, text);
        return held != null ? held : text;
    }

    public static BloodGroup group(BloodGroup g) {
        return GROUPS[g.abo().ordinal() * RhD.values().length + g.rhd().ordinal()];
    }

    /**
     * {@code u} with shared values; {@code previous} is the state held before (or null). Returns
     * {@code u} itself when its values are the shared ones already (a unit decoded with {@link #intern}).
     */
    public BloodUnit compact(BloodUnit u, BloodUnit previous) {
        UnitKey given = u.key();
        UnitKey key = previous != null && previous.key().equals(given) ? previous.key()
                : shared(given);
        BloodGroup group = group(u.group());
        String site = intern(u.site());
        String location = intern(u.location());
        String destination = intern(u.destination());
        String reason = intern(u.statusReason());
        if (key == given && group == u.group() && site == u.site() && location == u.location() && destination == u.destination()
                && reason == u.statusReason()) {
            return u;
        }
        return new BloodUnit(key, u.component(), group, u.expires(), site, location, destination, u.status(), reason,
                u.updated(), u.version(), u.intendedUse(), u.recipient(), u.outOfStorageSince(), u.crossedOver(), u.collected());
    }

    /** {@code k} when its product code and division are the shared instances, else a key that has them. */
    public UnitKey shared(UnitKey k) {
        String product = intern(k.productCode());
        String division = intern(k.division());
        return product == k.productCode() && division == k.division() ? k : new UnitKey(k.din(), product, division);
    }
}
