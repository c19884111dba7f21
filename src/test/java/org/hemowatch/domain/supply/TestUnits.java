package org.hemowatch.domain.supply;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/** Builds units for tests; each call gets a new DIN. */
public final class TestUnits {

    public static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestUnits() {
    }

    public static BloodGroup group(String label) {
        return CompatibilityTable.parseGroup(label);
    }

    public static BloodUnit unit(String site, ComponentClass c, String group, UnitStatus status, Instant expires) {
        String din = String.format("A9999250%05d", SEQ.incrementAndGet());
        return new BloodUnit(new UnitKey(din, "E0000", "00"), c, group(group), expires, site,
                status == UnitStatus.ISSUED ? null : "fridge-1", status == UnitStatus.ISSUED ? "ward" : null,
                status, null, NOW.minus(Duration.ofDays(1)), 2);
    }

    /** An AVAILABLE unit at {@code site} expiring {@code hours} after {@link #NOW}. */
    public static BloodUnit available(String site, ComponentClass c, String group, long hours) {
        return unit(site, c, group, UnitStatus.AVAILABLE, NOW.plus(Duration.ofHours(hours)));
    }
}
