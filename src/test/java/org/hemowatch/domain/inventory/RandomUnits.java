package org.hemowatch.domain.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/**
 * Random units and random changes of them, for the property tests of the inventory's indexes (an
 * index must agree with a full scan of the same units after any sequence of changes). Seeded, so a
 * failure repeats.
 */
final class RandomUnits {

    static final String[] SITES = {"north", "south"};
    static final ComponentClass[] COMPONENTS = {ComponentClass.RED_CELLS, ComponentClass.PLATELETS, ComponentClass.PLASMA};
    static final UnitStatus[] STATUSES = {UnitStatus.AVAILABLE, UnitStatus.AVAILABLE, UnitStatus.AVAILABLE, UnitStatus.QUARANTINED,
            UnitStatus.RECEIVED, UnitStatus.ISSUED, UnitStatus.EXPIRED, UnitStatus.TRANSFUSED};
    static final IntendedUse[] USES = IntendedUse.values();

    final Random random;
    private int seq;

    RandomUnits(long seed) {
        this.random = new Random(seed);
    }

    /** A new unit expiring within 10 days of {@code now} (some exactly on a 24 h bound), updated at {@code now}. */
    BloodUnit unit(Instant now) {
        seq++;
        Instant expires = random.nextInt(20) == 0 ? now.plus(Duration.ofHours(24))
                : now.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60)));
        return new BloodUnit(new UnitKey(String.format("A99992600%04d", seq), "E0398", String.format("%02d", seq % 3)),
                pick(COMPONENTS), new BloodGroup(pick(Abo.values()), pick(RhD.values())), expires, pick(SITES), "fridge-1",
                null, pick(STATUSES), null, now, 2, pick(USES), null, outOfStorage(now), false);
    }

    /** {@code n} new units loaded into {@code inventory}, returned in a list the test may change. */
    java.util.List<BloodUnit> load(org.hemowatch.domain.Inventory inventory, int n, Instant now) {
        java.util.List<BloodUnit> held = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            BloodUnit u = unit(now);
            inventory.load(u);
            held.add(u);
        }
        return held;
    }

    /** {@code u} one version later at {@code now}, with a random site, status, intended use and time out of storage. */
    BloodUnit changed(BloodUnit u, Instant now) {
        return new BloodUnit(u.key(), u.component(), u.group(), u.expires(), pick(SITES), "fridge-1", null, pick(STATUSES), null,
                now, u.version() + 1, random.nextInt(4) == 0 ? pick(USES) : u.intendedUse(), null,
                random.nextBoolean() ? u.outOfStorageSince() : outOfStorage(now), false);
    }

    /** The clock moved by a random step: minutes mostly, sometimes days, sometimes back. */
    Duration step() {
        int what = random.nextInt(10);
        if (what < 6) {
            return Duration.ofMinutes(1 + random.nextInt(6 * 60));
        }
        return what < 9 ? Duration.ofHours(20 + random.nextInt(60)) : Duration.ofHours(-1 - random.nextInt(30));
    }

    private Instant outOfStorage(Instant now) {
        return random.nextInt(3) == 0 ? now.minus(Duration.ofMinutes(random.nextInt(120))) : null;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
