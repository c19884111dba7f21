package org.hemowatch.coldchain;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceMonitor;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.domain.coldchain.ExcursionEngine;
import org.hemowatch.domain.coldchain.Region;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site taken over by a new owner continues where the dead owner was: the stored snapshot plus the
 * stored readings since give the same excursions (same ids) as one monitor that saw everything.
 * EU refrigerator: safe 2–6 °C, excursion after 30 min outside, offline after 15 min of silence.
 */
class SiteRebuildTest {

    private static final Instant T0 = Instant.parse("2025-01-06T08:00:00Z");
    private final DeviceProfile fridge = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, Region.EU_UK, "fridge-1", "main", "Fridge");
    private final String key = DeviceRegistry.key("main", "fridge-1");

    private static TemperatureReading reading(int minute, double tempC) {
        return new TemperatureReading("main", "fridge-1", minute, T0.plus(Duration.ofMinutes(minute)), tempC, null, null, null, "mqtt");
    }

    /** Readings every minute: 4 °C for 5 min, then 7 °C (outside the safe range) for 40 min. */
    private static List<TemperatureReading> excursion() {
        List<TemperatureReading> out = new ArrayList<>();
        for (int m = 0; m < 45; m++) {
            out.add(reading(m, m < 5 ? 4.0 : 7.0));
        }
        return out;
    }

    private static List<ColdChainEvent.ExcursionStarted> started(List<ColdChainEvent> events) {
        return events.stream().filter(e -> e instanceof ColdChainEvent.ExcursionStarted).map(e -> (ColdChainEvent.ExcursionStarted) e).toList();
    }

    /** The dead owner saw the first {@code seen} readings and stored its snapshot; the rebuild gets the snapshot and the readings since. */
    private List<ColdChainEvent> takeOver(ExcursionEngine engine, int seen, Map<String, DeviceMonitorState> restored) {
        List<TemperatureReading> all = excursion();
        DeviceMonitor dead = DeviceMonitor.start(fridge, T0);
        all.subList(0, seen).forEach(r -> dead.onReading(r, r.at()));
        DeviceMonitorState snapshot = dead.snapshot();
        Instant from = SiteRebuild.replayFrom(snapshot, T0);
        List<TemperatureReading> since = all.stream().filter(r -> !r.at().isBefore(from)).toList();
        return SiteRebuild.apply(engine, List.of(fridge), new SiteRebuild.Loaded(Map.of(key, snapshot), Map.of(key, since)),
                T0.plus(Duration.ofHours(1)), restored::put);
    }

    @Test
    void aPendingBreachInTheSnapshotBecomesTheSameExcursionAsOneMonitorThatSawEveryReadingWouldStart() {
        DeviceMonitor whole = DeviceMonitor.start(fridge, T0);
        List<ColdChainEvent> wholeEvents = new ArrayList<>();
        excursion().forEach(r -> wholeEvents.addAll(whole.onReading(r, r.at())));

        ExcursionEngine engine = new ExcursionEngine();
        Map<String, DeviceMonitorState> restored = new HashMap<>();
        List<ColdChainEvent> events = takeOver(engine, 20, restored); // the owner died 15 min into the breach

        assertThat(restored).containsKey(key);
        assertThat(started(wholeEvents)).hasSize(1);
        assertThat(started(events)).as("started once, by the replay, with the id the dead owner would have given it")
                .extracting(ColdChainEvent.ExcursionStarted::excursionId).containsExactly(started(wholeEvents).get(0).excursionId());
        assertThat(engine.monitor("main", "fridge-1").orElseThrow().snapshot().excursion())
                .isEqualTo(whole.snapshot().excursion());
    }

    @Test
    void anExcursionOpenInTheSnapshotContinuesWithoutASecondStartAndStandsForItsAlert() {
        ExcursionEngine engine = new ExcursionEngine();
        Map<String, DeviceMonitorState> restored = new HashMap<>();
        List<ColdChainEvent> events = takeOver(engine, 40, restored); // the excursion started at minute 35, before the death

        assertThat(started(events)).isEmpty();
        DeviceMonitorState stored = restored.get(key);
        DeviceMonitorState now = engine.monitor("main", "fridge-1").orElseThrow().snapshot();
        assertThat(now.state()).isEqualTo(DeviceState.EXCURSION);
        assertThat(now.lastReadingAt()).isEqualTo(reading(44, 7.0).at());
        assertThat(SiteRebuild.standing(stored, now)).singleElement().isInstanceOfSatisfying(ColdChainEvent.ExcursionStarted.class,
                x -> assertThat(x.excursionId()).isEqualTo(stored.excursion().id()));
    }

    @Test
    void aDeviceSilentSinceTheOwnerDiedGoesOfflineOnceAtTheFirstTickPastItsLimit() {
        ExcursionEngine engine = new ExcursionEngine();
        DeviceMonitor dead = DeviceMonitor.start(fridge, T0);
        dead.onReading(reading(0, 4.0), T0);
        SiteRebuild.apply(engine, List.of(fridge), new SiteRebuild.Loaded(Map.of(key, dead.snapshot()), Map.of()), T0.plusSeconds(60),
                (k, s) -> { });

        assertThat(engine.onTick(T0.plus(Duration.ofMinutes(14)))).isEmpty();
        assertThat(engine.onTick(T0.plus(Duration.ofMinutes(16)))).singleElement().isInstanceOf(ColdChainEvent.SensorOffline.class);
        assertThat(engine.onTick(T0.plus(Duration.ofMinutes(20)))).isEmpty();
    }

    @Test
    void conditionsThatEndedDuringTheReplayDoNotStand() {
        DeviceMonitor dead = DeviceMonitor.start(fridge, T0);
        dead.onReading(reading(0, 4.0), T0);
        dead.onTick(T0.plus(Duration.ofMinutes(16)));
        DeviceMonitorState offline = dead.snapshot();
        assertThat(offline.online()).isFalse();
        assertThat(SiteRebuild.standing(offline, offline)).singleElement().isInstanceOf(ColdChainEvent.SensorOffline.class);
        dead.onReading(reading(17, 4.0), T0.plus(Duration.ofMinutes(17)));
        assertThat(SiteRebuild.standing(offline, dead.snapshot())).as("back online in the replay").isEmpty();
    }

    @Test
    void theReplayStartsAtTheSnapshotsLastReadingOrWhenItStartedWatchingOrAnHourBackWithoutOne() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        assertThat(SiteRebuild.replayFrom(m.snapshot(), T0.plusSeconds(600))).isEqualTo(T0);
        m.onReading(reading(3, 4.0), T0.plusSeconds(600));
        assertThat(SiteRebuild.replayFrom(m.snapshot(), T0.plusSeconds(600))).isEqualTo(reading(3, 4.0).at());
        assertThat(SiteRebuild.replayFrom(null, T0)).isEqualTo(T0.minus(SiteRebuild.NO_SNAPSHOT_WINDOW));
    }

    @Test
    void aSnapshotPoisonedByAReadingFromTheFarFutureIsNotUsed() {
        DeviceMonitor m = DeviceMonitor.start(fridge, T0);
        m.onReading(reading(0, 4.0).withTime(T0.plus(Duration.ofDays(3))), T0.plus(Duration.ofDays(3)));
        assertThat(SiteRebuild.usable(m.snapshot(), T0)).isNull();
        assertThat(SiteRebuild.usable(m.snapshot(), T0.plus(Duration.ofDays(3)))).isNotNull();
    }
}
