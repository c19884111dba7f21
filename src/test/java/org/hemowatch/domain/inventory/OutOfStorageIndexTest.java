package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.OutOfStorage;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * The out-of-storage index against a full scan: after any sequence of units published, changed
 * (status, time out of storage) and of clock steps, the units it says are overdue are exactly those
 * {@link OutOfStorage#overdue} finds among all units.
 */
class OutOfStorageIndexTest {

    private static final Map<ComponentClass, Duration> LIMITS = Map.of(
            ComponentClass.RED_CELLS, Duration.ofMinutes(30), ComponentClass.PLATELETS, Duration.ofMinutes(90));
    private static final Function<ComponentClass, Duration> LIMIT = LIMITS::get;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final RandomUnits random = new RandomUnits(20261202);

    @Test
    void theUnitsItListsAsOverdueAreThoseAFullScanFinds() {
        Inventory inventory = new Inventory(clock.instant());
        List<BloodUnit> held = random.load(inventory, 300, clock.instant());
        for (int step = 0; step < 400; step++) {
            if (random.random.nextInt(3) == 0) {
                clock.advance(Duration.ofMinutes(random.random.nextInt(40)));
            } else {
                int i = random.random.nextInt(held.size());
                BloodUnit after = random.changed(held.get(i), clock.instant());
                inventory.publish(after);
                held.set(i, after);
            }
            Instant now = clock.instant();
            assertThat(keys(inventory.outOfStorage().outLongerThan(LIMIT, now)))
                    .as("step %d", step).isEqualTo(keys(fullScan(held, now)));
        }
        assertThat(inventory.outOfStorage().size()).isEqualTo(held.stream().filter(OutOfStorageIndex::listed).count());
    }

    @Test
    void aUnitOutExactlyItsLimitIsNotYetOverdueAndOneBackInStorageLeavesTheIndex() {
        Instant now = clock.instant();
        Inventory inventory = new Inventory(now);
        BloodUnit out = new BloodUnit(new UnitKey("A999926000001", "E0398", "00"), ComponentClass.RED_CELLS,
                new org.hemowatch.domain.BloodGroup(org.hemowatch.domain.Abo.O, org.hemowatch.domain.RhD.NEG),
                now.plus(Duration.ofDays(5)), "north", "bench", null, UnitStatus.AVAILABLE, null, now, 2,
                org.hemowatch.domain.IntendedUse.UNSPECIFIED, null, now, false);
        inventory.load(out);
        assertThat(inventory.outOfStorage().outLongerThan(LIMIT, now.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(inventory.outOfStorage().outLongerThan(LIMIT, now.plus(Duration.ofMinutes(30)).plusNanos(1)))
                .extracting(BloodUnit::key).containsExactly(out.key());
        BloodUnit back = new BloodUnit(out.key(), out.component(), out.group(), out.expires(), out.site(), "fridge-1", null,
                UnitStatus.AVAILABLE, null, now, 3, out.intendedUse(), null, null, false);
        inventory.publish(back);
        assertThat(inventory.outOfStorage().outLongerThan(LIMIT, now.plus(Duration.ofHours(5)))).isEmpty();
        assertThat(inventory.outOfStorage().size()).isZero();
    }

    private static List<BloodUnit> fullScan(List<BloodUnit> units, Instant now) {
        return units.stream().filter(u -> OutOfStorage.overdue(u, now, LIMITS.get(u.component())).isPresent()).toList();
    }

    private static List<UnitKey> keys(List<BloodUnit> units) {
        return units.stream().map(BloodUnit::key).sorted(UnitOrder.KEY).toList();
    }
}
