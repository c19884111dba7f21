package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * The intended-use index against a full scan: after random units published and changed (status, site,
 * intended use), every use's pages (by cursor, with and without an expiry bound, with an offset) list
 * exactly the units of that use in FEFO order, and its total is exact, UNSPECIFIED included.
 */
class UseIndexTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final RandomUnits random = new RandomUnits(20261203);

    @Test
    void everyUsesPagesAndTotalsAgreeWithAFullScanAfterRandomChanges() {
        Inventory inventory = new Inventory(clock.instant());
        List<BloodUnit> held = random.load(inventory, 400, clock.instant());
        for (int round = 0; round < 8; round++) {
            for (int change = 0; change < 60; change++) {
                clock.advance(Duration.ofMinutes(random.random.nextInt(30)));
                int i = random.random.nextInt(held.size());
                BloodUnit after = random.changed(held.get(i), clock.instant());
                inventory.publish(after);
                held.set(i, after);
            }
            String site = random.pick(RandomUnits.SITES);
            Predicate<Bucket.Key> filter = k -> k.site().equals(site) && !k.status().isFinal();
            Instant bound = clock.instant().plus(Duration.ofDays(4));
            for (IntendedUse use : IntendedUse.values()) {
                List<BloodUnit> expected = held.stream()
                        .filter(u -> u.intendedUseOrDefault() == use && filter.test(Bucket.Key.of(u)))
                        .sorted(UnitOrder.FEFO).toList();
                assertThat(inventory.uses().count(use, filter)).as("%s total, round %d", use, round).isEqualTo(expected.size());
                assertThat(walk(inventory, use, filter, null)).as("%s pages", use).containsExactlyElementsOf(expected);
                assertThat(walk(inventory, use, filter, bound)).as("%s pages before %s", use, bound)
                        .containsExactlyElementsOf(expected.stream().filter(u -> u.expires().isBefore(bound)).toList());
                assertThat(inventory.uses().page(use, filter, null, null, 3, 4)).as("%s offset", use)
                        .containsExactlyElementsOf(expected.stream().skip(3).limit(4).toList());
            }
        }
    }

    @Test
    void aUnitWhoseUseChangesMovesBetweenTheUses() {
        Inventory inventory = new Inventory(clock.instant());
        BloodUnit u = random.unit(clock.instant());
        BloodUnit autologous = new BloodUnit(u.key(), u.component(), u.group(), u.expires(), u.site(), u.location(), null,
                UnitStatus.AVAILABLE, null, u.updated(), 2, IntendedUse.AUTOLOGOUS, "patient-1", null, false);
        inventory.load(autologous);
        Predicate<Bucket.Key> any = k -> true;
        assertThat(inventory.uses().count(IntendedUse.AUTOLOGOUS, any)).isEqualTo(1);
        assertThat(inventory.uses().count(IntendedUse.UNSPECIFIED, any)).isZero();
        inventory.publish(new BloodUnit(u.key(), u.component(), u.group(), u.expires(), u.site(), u.location(), null,
                UnitStatus.AVAILABLE, null, u.updated(), 3, null, null, null, false));
        assertThat(inventory.uses().count(IntendedUse.AUTOLOGOUS, any)).isZero();
        assertThat(inventory.uses().page(IntendedUse.UNSPECIFIED, any, null, null, 0, 10)).extracting(BloodUnit::key)
                .as("a unit stored before intended use was recorded is UNSPECIFIED").containsExactly(u.key());
    }

    /** Every page of 7 by cursor, as a client walks them. */
    private static List<BloodUnit> walk(Inventory inventory, IntendedUse use, Predicate<Bucket.Key> filter, Instant bound) {
        List<BloodUnit> seen = new ArrayList<>();
        PageCursor cursor = null;
        while (true) {
            List<BloodUnit> page = inventory.uses().page(use, filter, cursor, bound, 0, 7);
            seen.addAll(page);
            if (page.size() < 7) {
                return seen;
            }
            cursor = PageCursor.decode(PageCursor.after(page.get(page.size() - 1)).encode()).orElseThrow();
        }
    }
}
