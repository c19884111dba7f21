package org.hemowatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
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
    /**
     * Stores open units (plain, every optional field set, codes and texts holding the start-up read's
     * packing separator, issued) and two final ones; returns the open ones.
     */
    static List<BloodUnit> storeUnitsForTheStartUpRead(GroupCommitWriter writer) throws Exception {
        BloodUnit plain = received("=W000025000001");
        BloodUnit f = received("=W000025000002");
        BloodUnit full = new BloodUnit(f.key(), f.component(), f.group(), f.expires(), f.site(), "fridge-1", null,
                UnitStatus.AVAILABLE, "checked", at(7), 3, IntendedUse.DIRECTED_CROSSOVER, "MRN 4711", at(5), true,
                T0.minus(Duration.ofDays(3)));
        BloodUnit o = received("=W000025000003");
        // free text and codes that hold the packing separator are read the ordinary way, unchanged
        BloodUnit odd = new BloodUnit(o.key(), o.component(), o.group(), o.expires(), "site\u001fb", "bench\u001f2", "ward|\u001f",
                UnitStatus.QUARANTINED, "held: \u001f | 'x'", at(9), 2, IntendedUse.UNSPECIFIED, "a\u001fb", null, false, null);
        BloodUnit transfused = new BloodUnit(received("=W000025000004").key(), o.component(), o.group(), o.expires(), "site-a",
                null, "ward-7", UnitStatus.TRANSFUSED, null, at(11), 4);
        BloodUnit discarded = new BloodUnit(received("=W000025000005").key(), o.component(), o.group(), o.expires(), "site-a",
                null, null, UnitStatus.DISCARDED, "broken bag", at(12), 2);
        BloodUnit out = issued(received("=W000025000006"), at(13));
        List<BloodUnit> all = List.of(plain, full, odd, transfused, discarded, out);
        writer.submit(tx -> {
            for (BloodUnit u : all) {
                UnitRecords.save(tx, u);
            }
            return null;
        }).get();
        return List.of(plain, full, odd, out);
    }
}
