package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * The expiry alerts' figures kept by the inventory against {@link ExpiryCounts#scan} of the same units:
 * after random changes and clock steps (minutes, days, and back), with windows that are and are not
 * one of the stock bounds, the near-expiry counts by group, the first expiry and the expired-in-stock
 * counts are equal — exact as time passes, without a walk over the units near expiry.
 */
class ExpiryCountsTest {

    private static final Map<ComponentClass, Duration> WINDOWS = Map.of(ComponentClass.RED_CELLS, Duration.ofHours(72),
            ComponentClass.PLATELETS, Duration.ofHours(30), ComponentClass.PLASMA, Duration.ofDays(7));
    private static final Function<ComponentClass, Duration> WINDOW = c -> WINDOWS.getOrDefault(c, Duration.ofHours(24));

    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final RandomUnits random = new RandomUnits(20261204);

    @Test
    void theKeptFiguresEqualAScanAfterRandomChangesAndClockSteps() {
        Inventory inventory = new Inventory(clock.instant(), WINDOW);
        List<BloodUnit> held = random.load(inventory, 500, clock.instant());
        int raised = 0;
        int expired = 0;
        for (int step = 0; step < 400; step++) {
            int what = random.random.nextInt(3);
            if (what == 0) {
                int i = random.random.nextInt(held.size());
                BloodUnit after = random.changed(held.get(i), clock.instant());
                inventory.publish(after);
                held.set(i, after);
            } else if (what == 1) {
                BloodUnit u = random.unit(clock.instant());
                inventory.publish(u);
                held.add(u);
            } else {
                clock.advance(random.step());
            }
            if (random.random.nextInt(4) == 0) {
                inventory.advance(clock.instant()); // the timer
            }
            Instant now = clock.instant();
            ExpiryCounts kept = inventory.stock().expiryCounts(now);
            assertThat(kept).as("step %d at %s", step, now).isEqualTo(ExpiryCounts.scan(held, now, WINDOW));
            raised += kept.near().size();
            expired += kept.expired().size();
        }
        assertThat(raised).as("steps met units near expiry").isGreaterThan(200);
        assertThat(expired).as("steps met units past expiry").isGreaterThan(200);
    }

    @Test
    void aUnitEntersItsWindowAndLeavesAtItsExpiryAsTheClockMoves() {
        Instant t0 = clock.instant();
        Inventory inventory = new Inventory(t0, WINDOW);
        BloodUnit plasma = new BloodUnit(new org.hemowatch.domain.UnitKey("A999926000009", "E2555", "00"), ComponentClass.PLASMA,
                new org.hemowatch.domain.BloodGroup(org.hemowatch.domain.Abo.A, org.hemowatch.domain.RhD.POS),
                t0.plus(Duration.ofDays(8)), "north", "freezer-1", null, org.hemowatch.domain.UnitStatus.AVAILABLE, null, t0, 2);
        inventory.load(plasma);
        assertThat(inventory.stock().expiryCounts(t0.plus(Duration.ofDays(1))).near()).as("exactly 7 days ahead: in").hasSize(1);
        assertThat(inventory.stock().expiryCounts(t0.plus(Duration.ofDays(1)).minusNanos(1)).near()).as("back: out").isEmpty();
        ExpiryCounts.Near near = inventory.stock().expiryCounts(t0.plus(Duration.ofDays(3))).near().get(0);
        assertThat(near.byGroup()).containsExactly(Map.entry("A+", 1));
        assertThat(near.firstExpiry()).isEqualTo(plasma.expires());
        ExpiryCounts past = inventory.stock().expiryCounts(plasma.expires());
        assertThat(past.near()).isEmpty();
        assertThat(past.expired()).containsExactly(Map.entry("north", Map.of("FFP", 1)));
    }
}
