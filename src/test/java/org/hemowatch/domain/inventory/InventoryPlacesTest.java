package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;

/** The place index (units at a site's location) against brute force over the same units as they move, change status and end. */
class InventoryPlacesTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final String[] SITES = {"north", "south"};
    private static final String[] LOCATIONS = {"fridge-1", "fridge-2", "agitator-1", null};

    private final Random random = new Random(13);

    @Test
    void unitsAtAPlaceAreTheUnitsThereThatAreNotFinalWhateverHappensToThem() {
        Inventory inventory = new Inventory(T0);
        List<BloodUnit> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            BloodUnit u = unit(i, 1);
            inventory.load(u);
            held.add(u);
        }
        for (int step = 0; step < 2000; step++) {
            int i = random.nextInt(held.size());
            BloodUnit before = held.get(i);
            BloodUnit after = new BloodUnit(before.key(), before.component(), before.group(), before.expires(),
                    random.nextInt(4) == 0 ? SITES[random.nextInt(SITES.length)] : before.site(),
                    random.nextInt(2) == 0 ? LOCATIONS[random.nextInt(LOCATIONS.length)] : before.location(), null,
                    UnitStatus.values()[random.nextInt(UnitStatus.values().length)], null, T0, before.version() + 1);
            inventory.publish(after);
            held.set(i, after);
            if (step % 50 == 0) {
                for (String site : SITES) {
                    for (String location : LOCATIONS) {
                        if (location == null) {
                            continue;
                        }
                        List<UnitKey> expected = held.stream()
                                .filter(u -> u.site().equals(site) && location.equals(u.location()) && !u.status().isFinal())
                                .map(BloodUnit::key).toList();
                        assertThat(inventory.at(site, location)).extracting(BloodUnit::key)
                                .as("step %d, %s/%s", step, site, location).containsExactlyInAnyOrderElementsOf(expected);
                    }
                }
            }
        }
    }

    @Test
    void anUnknownPlaceHasNoUnits() {
        Inventory inventory = new Inventory(T0);
        inventory.load(unit(1, 1));
        assertThat(inventory.at("north", "no-such-fridge")).isEmpty();
    }

    private BloodUnit unit(int n, long version) {
        return new BloodUnit(new UnitKey(String.format("A99992600%04d", n), "E0398", "00"), ComponentClass.RED_CELLS,
                new BloodGroup(Abo.O, RhD.POS), T0.plus(Duration.ofDays(10)), SITES[n % 2], LOCATIONS[n % LOCATIONS.length], null,
                UnitStatus.AVAILABLE, null, T0, version);
    }
}
