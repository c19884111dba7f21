package org.hemowatch.domain.inventory;

import java.time.Instant;
import java.util.Comparator;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.RhD;

/**
 * The two orders the inventory keeps units in: by key (a donation's products are one range) and
 * first-expired-first-out (expiry, then key, so the order is total and stable).
 */
public final class UnitOrder {

    private UnitOrder() {
    }

    /** DIN, then product code, then division (written out: it runs in every index probe of every write and read). */
    public static final Comparator<UnitKey> KEY = (a, b) -> {
        int c = a.din().compareTo(b.din());
        if (c != 0) {
            return c;
        }
        c = a.productCode().compareTo(b.productCode());
        return c != 0 ? c : a.division().compareTo(b.division());
    };

    /** Expiry, then key: the order of pick lists and unit pages. */
    public static final Comparator<BloodUnit> FEFO = (a, b) -> {
        int c = a.compareExpiry(b);
        return c != 0 ? c : KEY.compare(a.key(), b.key());
    };

    private static final UnitKey LOWEST_KEY = new UnitKey("", "", "");
    private static final BloodGroup ANY_GROUP = new BloodGroup(Abo.O, RhD.NEG);

    /** A unit that sorts in {@link #FEFO} before every real unit expiring at {@code expires} (a range bound). */
    public static BloodUnit before(Instant expires) {
        return at(expires, LOWEST_KEY);
    }

    /** A unit with just the fields {@link #FEFO} compares (a cursor position). */
    public static BloodUnit at(Instant expires, UnitKey key) {
        return new BloodUnit(key, ComponentClass.RED_CELLS, ANY_GROUP, expires, "", null, null, UnitStatus.AVAILABLE, null,
                expires, 0);
    }
}
