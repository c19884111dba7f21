package org.hemowatch.domain.coldchain;

import java.util.ArrayList;
import java.util.List;

import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.hemowatch.domain.coldchain.ColdChainEvent.ExcursionStarted;
import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOffline;
import org.hemowatch.domain.coldchain.ColdChainEvent.StateChanged;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.domain.coldchain.Scripts.T0;
import static org.hemowatch.domain.coldchain.Scripts.at;
import static org.hemowatch.domain.coldchain.Scripts.reading;

class DeviceMonitorTest {

    private final DeviceProfile fridge = Scripts.profile("refrigerator");

    @Test
    void aReadingFromTheNearFutureCountsAsTakenNowSoTheLastReadingTimeNeverRunsAheadAndTheNextRealReadingCounts() {
        TestClock clock = new TestClock(T0);
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading("4m", 4.0), clock.instant()); // the device's clock runs 4 min fast: within the allowed skew
        assertThat(m.snapshot().lastReadingAt()).isEqualTo(clock.instant());

        clock.advance(java.time.Duration.ofMinutes(1));
        List<ColdChainEvent> ev = m.onReading(reading("1m", 30.0), clock.instant()); // a real reading, earlier than that ts
        assertThat(ev).hasAtLeastOneElementOfType(ExcursionStarted.class);
        assertThat(m.state()).isEqualTo(DeviceState.EXCURSION);
        assertThat(m.snapshot().lastReadingAt()).isEqualTo(at("1m")).isBeforeOrEqualTo(clock.instant());
    }

    @Test
    void goesOfflineWhenNoReadingEverArrives() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        assertThat(m.onTick(at("14m"))).isEmpty();
        assertThat(m.onTick(at("15m"))).containsExactly(
                new SensorOffline(Scripts.SITE, Scripts.DEVICE, T0, at("15m"), "silent for 15 min"));
        assertThat(m.state()).isEqualTo(DeviceState.NO_DATA);
    }

    @Test
    void silentSensorOutOfRangeStillBecomesAnExcursionWhenTheDelayEnds() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading("0", 6.5));
        assertThat(m.onTick(at("20m"))).hasOnlyElementsOfType(SensorOffline.class).hasSize(1);
        List<ColdChainEvent> ev = m.onTick(at("30m"));
        assertThat(ev).extracting(e -> e.getClass().getSimpleName()).containsExactly("StateChanged", "ExcursionStarted");
        assertThat(m.openExcursion()).hasValueSatisfying(e -> assertThat(e.start()).isEqualTo(T0));
    }

    @Test
    void flickeringAtTheSetPointDoesNotStormTransitions() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        List<ColdChainEvent> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double t = i % 2 == 0 ? 5.45 : 5.6; // noise of ±0.08 °C around the 5.5 °C set point
            all.addAll(m.onReading(reading(i * 60 + "s", t)));
        }
        // NO_DATA -> IN_RANGE, IN_RANGE -> WARNING, and nothing more
        assertThat(all).hasOnlyElementsOfType(StateChanged.class).hasSize(2);
        assertThat(m.state()).isEqualTo(DeviceState.WARNING);
    }

    @Test
    void withoutHysteresisTheSameFlickerFlipsEveryReading() {
        DeviceMonitor m = DeviceMonitor.start(Scripts.profile("refrigerator", "hysteresis=0"), T0);
        int changes = 0;
        for (int i = 0; i < 10; i++) {
            changes += m.onReading(reading(i + "m", i % 2 == 0 ? 5.45 : 5.6)).size();
        }
        assertThat(changes).isEqualTo(10);
    }

    @Test
    void openExcursionShowsMinAndMaxSoFar() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading("0", 8.5));
        m.onReading(reading("5m", 9.5));
        m.onReading(reading("10m", 7.0));
        assertThat(m.openExcursion()).hasValueSatisfying(e -> {
            assertThat(e.open()).isTrue();
            assertThat(e.duration()).isNull();
            assertThat(e.durationUntil(at("10m"))).isEqualTo(java.time.Duration.ofMinutes(10));
            assertThat(e.minC()).isEqualTo(7.0);
            assertThat(e.maxC()).isEqualTo(9.5);
        });
    }

    @Test
    void excursionIdIsDeterministic() {
        DeviceMonitor a = DeviceMonitor.start(fridge, T0);
        DeviceMonitor b = DeviceMonitor.start(fridge, T0);
        ExcursionStarted ea = (ExcursionStarted) a.onReading(reading("3m", 9.0)).get(1);
        ExcursionStarted eb = (ExcursionStarted) b.onReading(reading("3m", 9.0)).get(1);
        assertThat(ea.excursionId()).isEqualTo(eb.excursionId()).isEqualTo("site-a/fridge-1@2025-01-06T08:03:00Z");
    }

    @Test
    void snapshotSurvivesJsonAsPlainFields() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading(Scripts.SITE, Scripts.DEVICE, at("0"), 6.5, DoorState.OPEN, AgitatorState.UNKNOWN));
        m.onReading(reading("31m", 7.0));
        m.onStatus(Scripts.status("32m", "PWR_FAIL"));
        m.onTick(at("33m"));
        DeviceMonitorState s = m.snapshot();

        String json = JsonMappers.writeSnapshot(s);
        assertThat(json).contains("\"state\":\"EXCURSION\"", "\"start\":\"2025-01-06T08:00:00Z\"",
                "\"activeAlarms\":{\"PWR_FAIL\":\"2025-01-06T08:32:00Z\"}", "\"doorAlarmed\":true");
        assertThat(JsonMappers.readSnapshot(json, DeviceMonitorState.class)).isEqualTo(s);
        assertThat(DeviceMonitor.restore(fridge, JsonMappers.readSnapshot(json, DeviceMonitorState.class)).snapshot()).isEqualTo(s);
    }

    @Test
    void restoredMonitorAppliesAChangedProfileFromTheNextReading() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading("0", 1.8));
        DeviceProfile uk = fridge.toBuilder().safeMin(2.0).alarmLow(2.5).build();
        DeviceMonitor r = DeviceMonitor.restore(uk, m.snapshot());
        assertThat(r.state()).isEqualTo(DeviceState.IN_RANGE);
        r.onReading(reading("5m", 1.8));
        assertThat(r.state()).isEqualTo(DeviceState.PENDING);
    }

    @Test
    void refusesInputOfAnotherDevice() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        assertThatThrownBy(() -> m.onReading(reading(Scripts.SITE, "fridge-2", T0, 4.0, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fridge-2");
        assertThatThrownBy(() -> m.onReading(reading("site-b", Scripts.DEVICE, T0, 4.0, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site-b");
    }

    @Test
    void refusesNonFiniteTemperature() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        assertThatThrownBy(() -> m.onReading(reading("0", Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.state()).isEqualTo(DeviceState.NO_DATA);
    }

    @Test
    void refusesToRestoreAnotherDevicesSnapshot() {
        DeviceMonitorState s = DeviceMonitor.start(fridge, T0).snapshot();
        DeviceProfile other = fridge.toBuilder().id("fridge-9").build();
        assertThatThrownBy(() -> DeviceMonitor.restore(other, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fridge-9");
    }

    @Test
    void rejectsAnInconsistentSnapshot() {
        DeviceMonitorState s = DeviceMonitor.start(fridge, T0).snapshot();
        assertThatThrownBy(() -> new DeviceMonitorState(s.site(), s.device(), DeviceState.EXCURSION, T0, T0, T0, 7.0,
                null, T0, true, null, false, null, null, null, null, null, null, false, null, false, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open excursion");
    }
}
