package org.hemowatch.domain.coldchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The out-of-storage timer's pure verdict: a unit left outside controlled storage is quarantined without a scan. */
class OutOfStorageOverdueTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final OutOfStorageLimits LIMITS = OutOfStorageLimits.redCells(Duration.ofMinutes(30));

    @ParameterizedTest(name = "{0} {1} out {2} min -> overdue {3}")
    @CsvFileSource(resources = "/coldchain/out-of-storage-overdue.csv")
    void quarantinesAUnitInStockOutLongerThanItsClassLimit(String cls, UnitStatus status, Integer minutes, boolean overdue) {
        ComponentClass component = ComponentClass.parse(cls).orElseThrow();
        Instant since = minutes == null ? null : NOW.minus(Duration.ofMinutes(minutes));

        var verdict = OutOfStorage.overdue(unit(component, status, since), NOW, LIMITS.of(component).orElse(null));

        assertThat(verdict.isPresent()).isEqualTo(overdue);
        verdict.ifPresent(v -> {
            assertThat(v.outcome()).isEqualTo(OutOfStorage.Outcome.QUARANTINE);
            assertThat(v.leftAt()).isEqualTo(since);
            assertThat(v.since()).as("still out of controlled storage").isEqualTo(since);
            assertThat(v.away()).isEqualTo(Duration.ofMinutes(minutes));
        });
    }

    @Test
    void theReasonIsTheOneTheScanRulesRecord() {
        Instant since = NOW.minus(Duration.ofMinutes(47));
        var v = OutOfStorage.overdue(unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, since), NOW, Duration.ofMinutes(30))
                .orElseThrow();

        assertThat(OutOfStorage.reason(v, Duration.ofMinutes(30))).isEqualTo("out of controlled storage for 47 min since " + since
                + " (limit 30 min)");
    }

    @Test
    void aClockBeforeTheRecordedTimeIsNeverOverdue() {
        assertThat(OutOfStorage.overdue(unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, NOW.plusSeconds(60)), NOW,
                Duration.ofMinutes(30))).isEmpty();
    }

    private static BloodUnit unit(ComponentClass component, UnitStatus status, Instant since) {
        return new BloodUnit(new UnitKey("A999926000401", "E0398", "00"), component, new BloodGroup(Abo.O, RhD.NEG),
                NOW.plus(Duration.ofDays(10)), "main", "bench", null, status, null, NOW.minus(Duration.ofHours(6)), 3,
                IntendedUse.UNSPECIFIED, null, since, false);
    }
}
