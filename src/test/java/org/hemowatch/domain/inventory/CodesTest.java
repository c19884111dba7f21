package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;

/** Sharing repeated values must never change a unit: above all not its patient-safety facts. */
class CodesTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void aCompactedUnitEqualsTheUnitIncludingIntendedUseRecipientTimeOutAndCrossover() {
        BloodUnit u = new BloodUnit(new UnitKey("A999926000001", "E0398", "00"), ComponentClass.RED_CELLS,
                new BloodGroup(Abo.O, RhD.NEG), T0.plusSeconds(86_400), "main", "bench", null, UnitStatus.AVAILABLE, null,
                T0, 4, IntendedUse.AUTOLOGOUS_CROSSOVER, "MRN 1", T0.minusSeconds(600), true);

        BloodUnit c = new Codes().compact(u, null);

        assertThat(c).isEqualTo(u);
    }
}
