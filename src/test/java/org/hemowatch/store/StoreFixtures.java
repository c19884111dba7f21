package org.hemowatch.store;

import java.time.Duration;
import java.time.Instant;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/** Test data. Instants have millisecond precision, as the store keeps them. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private StoreFixtures() {
    }

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static UnitKey key(String din) {
        return new UnitKey(din, "E0398", "V00");
    }

    static BloodUnit received(String din) {
        return new BloodUnit(key(din), ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG),
                T0.plus(Duration.ofDays(35)), "site-a", null, null, UnitStatus.RECEIVED, null, T0, 1);
    }

    static BloodUnit issued(BloodUnit u, Instant when) {
        return new BloodUnit(u.key(), u.component(), u.group(), u.expires(), u.site(), null, "ward-7",
                UnitStatus.ISSUED, "crossmatched", when, u.version() + 1);
    }

    static UnitEvent event(String din, UnitAction action, UnitStatus from, UnitStatus to, Instant when) {
        return new UnitEvent(key(din), action, from, to, when, "site-a", "fridge-1", null, "tech-1", "scanner:recv-1", null);
    }

    static TemperatureReading reading(String device, long seq, Instant when, double temp) {
        return new TemperatureReading("site-a", device, seq, when, temp, "air", DoorState.CLOSED, AgitatorState.UNKNOWN, "mqtt");
    }
}
