package org.hemowatch.domain.coldchain;

import java.util.List;

import org.hemowatch.domain.coldchain.ColdChainEvent.ExcursionEnded;
import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOffline;
import org.hemowatch.json.JsonMappers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.domain.coldchain.Scripts.T0;
import static org.hemowatch.domain.coldchain.Scripts.at;
import static org.hemowatch.domain.coldchain.Scripts.reading;

class ExcursionEngineTest {

    private final DeviceProfile fridge = Scripts.profile("refrigerator");
    private final DeviceProfile freezer = DeviceProfiles.defaults(DeviceKind.FREEZER, Region.US, "freezer-1", Scripts.SITE, "Freezer");
    private final DeviceProfile otherSiteFridge = fridge.toBuilder().site("site-b").build();

    private ExcursionEngine engine() {
        ExcursionEngine e = new ExcursionEngine();
        e.register(fridge, T0);
        e.register(freezer, T0);
        e.register(otherSiteFridge, T0);
        return e;
    }

    @Test
    void routesReadingsBySiteAndDevice() {
        ExcursionEngine e = engine();
        e.onReading(reading("0", 9.0));
        e.onReading(reading("site-b", Scripts.DEVICE, T0, 4.0, null, null));
        e.onReading(reading(Scripts.SITE, "freezer-1", T0, -25.0, null, null));
        assertThat(e.monitor(Scripts.SITE, Scripts.DEVICE).orElseThrow().state()).isEqualTo(DeviceState.EXCURSION);
        assertThat(e.monitor("site-b", Scripts.DEVICE).orElseThrow().state()).isEqualTo(DeviceState.IN_RANGE);
        assertThat(e.monitor(Scripts.SITE, "freezer-1").orElseThrow().state()).isEqualTo(DeviceState.IN_RANGE);
    }

    @Test
    void ignoresUnknownDevices() {
        ExcursionEngine e = engine();
        assertThat(e.knows(Scripts.SITE, "nope")).isFalse();
        assertThat(e.onReading(reading(Scripts.SITE, "nope", T0, 40.0, null, null))).isEmpty();
        assertThat(e.onStatus(new org.hemowatch.domain.DeviceStatusReport(Scripts.SITE, "nope", 1, T0, "PWR_FAIL", "t")))
                .isEmpty();
    }

    @Test
    void tickReachesEveryDevice() {
        List<ColdChainEvent> ev = engine().onTick(at("15m"));
        assertThat(ev).hasOnlyElementsOfType(SensorOffline.class)
                .extracting(x -> x.site() + "/" + x.device())
                .containsExactly("site-a/fridge-1", "site-a/freezer-1", "site-b/fridge-1");
    }

    @Test
    void restartFromSnapshotsContinuesOpenExcursions() {
        ExcursionEngine before = engine();
        before.onReading(reading("0", 9.0));
        before.onReading(reading("5m", 9.5));
        List<DeviceMonitorState> stored = before.snapshot().stream().map(s -> JsonMappers.readSnapshot(JsonMappers.writeSnapshot(s), DeviceMonitorState.class)).toList();

        ExcursionEngine after = new ExcursionEngine();
        for (DeviceMonitorState s : stored) {
            DeviceProfile p = List.of(fridge, freezer, otherSiteFridge).stream()
                    .filter(x -> x.site().equals(s.site()) && x.id().equals(s.device())).findFirst().orElseThrow();
            after.restore(p, s);
        }
        after.onReading(reading("10m", 4.0));
        List<ColdChainEvent> ev = after.onReading(reading("20m", 4.0));
        ExcursionEnded ended = ev.stream().filter(ExcursionEnded.class::isInstance).map(ExcursionEnded.class::cast)
                .findFirst().orElseThrow();
        assertThat(ended.excursion().start()).isEqualTo(T0);
        assertThat(ended.excursion().maxC()).isEqualTo(9.5);
        assertThat(ended.excursion().end()).isEqualTo(at("10m"));
    }

    @Test
    void reRegisteringKeepsStateWithTheNewProfile() {
        ExcursionEngine e = engine();
        e.onReading(reading("0", 6.5));
        DeviceMonitor m = e.register(fridge.toBuilder().safeMax(7.0).alarmHigh(6.5).hardHigh(9.0).build(), at("1m"));
        assertThat(m.state()).isEqualTo(DeviceState.PENDING);
        e.onReading(reading("2m", 6.5));
        assertThat(m.state()).isEqualTo(DeviceState.WARNING);
    }

    @Test
    void removesDevices() {
        ExcursionEngine e = engine();
        assertThat(e.remove("site-b", Scripts.DEVICE)).isTrue();
        assertThat(e.remove("site-b", Scripts.DEVICE)).isFalse();
        assertThat(e.monitors()).hasSize(2);
    }
}
