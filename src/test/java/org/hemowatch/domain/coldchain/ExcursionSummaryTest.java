package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hemowatch.domain.coldchain.Scripts.at;
import static org.hemowatch.domain.coldchain.Scripts.reading;

class ExcursionSummaryTest {

    // fridge defaults: safe 1-6, alarm 1.5/5.5, expected interval 5 min -> a reading holds at most 15 min
    private final DeviceProfile fridge = Scripts.profile("refrigerator");

    private static Excursion excursion(String device, String start, String end) {
        return new Excursion(Excursion.idFor(Scripts.SITE, device, at(start)), Scripts.SITE, device, at(start),
                end == null ? null : at(end), 6.2, 7.0, "above safe max for 30 min");
    }

    @Test
    void weightsTimeByReadingsAndCountsBreachesApartFromExcursions() {
        List<TemperatureReading> readings = List.of(
                reading("110m", 4.0), reading("-5m", 3.0), reading("10m", 5.8), reading("20m", 6.5),
                reading("30m", 7.0), reading("40m", 6.2), reading("50m", 5.0), reading("60m", 4.0),
                // gap 60m..90m: the 60m reading holds 15 min, then 15 min without data
                reading("90m", 4.5), reading("100m", 5.7),
                // after the period: ignored
                reading("125m", 9.0),
                // another device: ignored
                reading(Scripts.SITE, "fridge-2", at("30m"), 20.0, DoorState.UNKNOWN, AgitatorState.UNKNOWN));
        Excursion e1 = excursion(Scripts.DEVICE, "20m", "50m");
        List<Excursion> excursions = List.of(e1, excursion(Scripts.DEVICE, "-3h", "-2h"), excursion("fridge-2", "30m", "40m"));

        ExcursionSummary s = ExcursionSummary.of(fridge, readings, excursions, at("0"), at("2h"));

        assertThat(s.inRange()).isEqualTo(Duration.ofMinutes(75));
        assertThat(s.inWarningBand()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.outOfRange()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.noData()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.percentInRange()).isCloseTo(100.0 * 75 / 105, within(1e-9));
        assertThat(s.percentOfPeriodInRange()).isCloseTo(62.5, within(1e-9));
        // the 10m..50m breach became excursion e1; the 100m..110m one did not
        assertThat(s.warnings()).isEqualTo(1);
        assertThat(s.excursions()).isEqualTo(1);
        assertThat(s.minC()).isEqualTo(4.0);
        assertThat(s.maxC()).isEqualTo(7.0);
        assertThat(s.longestExcursion()).isEqualTo(e1);
        assertThat(s.longestDuration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void measuresAnOpenExcursionUpToTheEndOfThePeriod() {
        Excursion closed = excursion(Scripts.DEVICE, "10m", "30m");
        Excursion open = excursion(Scripts.DEVICE, "1h", null);
        ExcursionSummary s = ExcursionSummary.of(fridge, List.of(reading("0", 7.0)), List.of(closed, open), at("0"), at("2h"));
        assertThat(s.excursions()).isEqualTo(2);
        assertThat(s.longestExcursion()).isEqualTo(open);
        assertThat(s.longestDuration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void countsAnExcursionThatOverlapsTheStartOfThePeriod() {
        ExcursionSummary s = ExcursionSummary.of(fridge, List.of(), List.of(excursion(Scripts.DEVICE, "-10m", "5m")),
                at("0"), at("1h"));
        assertThat(s.excursions()).isEqualTo(1);
        assertThat(s.longestDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void doesNotCountABreachThatStartedBeforeThePeriod() {
        ExcursionSummary s = ExcursionSummary.of(fridge,
                List.of(reading("-20m", 5.8), reading("5m", 4.0), reading("10m", 5.6), reading("15m", 5.3),
                        reading("20m", 5.6), reading("25m", 4.0)),
                List.of(), at("0"), at("1h"));
        // 10m..25m is one breach: 5.3 is not back inside the set point by the hysteresis
        assertThat(s.warnings()).isEqualTo(1);
    }

    @Test
    void withoutReadingsEverythingIsNoData() {
        ExcursionSummary s = ExcursionSummary.of(fridge, List.of(), List.of(), at("0"), at("1h"));
        assertThat(s.noData()).isEqualTo(Duration.ofHours(1));
        assertThat(s.percentInRange()).isNaN();
        assertThat(s.percentOfPeriodInRange()).isZero();
        assertThat(s.minC()).isNull();
        assertThat(s.longestExcursion()).isNull();
        assertThat(s.warnings()).isZero();
    }

    @Test
    void rejectsAnEmptyPeriod() {
        Instant t = at("1h");
        assertThatThrownBy(() -> ExcursionSummary.of(fridge, List.of(), List.of(), t, t))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
