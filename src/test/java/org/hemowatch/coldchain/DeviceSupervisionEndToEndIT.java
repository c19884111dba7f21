package org.hemowatch.coldchain;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the monitors watch beside the temperature, through the running service: a silent sensor
 * (the tick, 3 × expectedInterval), a door left open and a stopped platelet agitator (MQTT
 * {@code door} / {@code agitator} fields), each raising its alert and resolving it.
 */
@Timeout(120)
class DeviceSupervisionEndToEndIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    @RegisterExtension
    final HemowatchExtension service = ColdChainHarness.extension(clock);
    private ColdChainHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ColdChainHarness.start(service, "");
    }

    @Test
    void silentSensorGoesOfflineOnTheTickAfterThreeIntervalsAndComesBackWithItsNextReading() throws Exception {
        h.reading("fridge-1", T0, 4.0);
        // expectedInterval PT1M: offline after 3 min of silence, not before
        clock.set(T0.plus(Duration.ofMinutes(3)).minusSeconds(1));
        h.tick();
        assertThat(h.json("/api/v1/devices/fridge-1").getBoolean("online")).isTrue();
        assertThat(h.alerts("sensor-offline", "fridge-1")).isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(3)));
        h.tick();
        JsonObject device = h.listedDevice("fridge-1");
        assertThat(device.getBoolean("online")).isFalse();
        assertThat(device.getString("state")).as("the thermal state is kept").isEqualTo("IN_RANGE");
        JsonObject alert = awaitAlert("sensor-offline", "fridge-1", "OPEN");
        assertThat(alert.getString("severity")).isEqualTo("WARNING");
        assertThat(alert.getJsonObject("details").getString("since")).isEqualTo(T0.toString());
        // sent once: a later tick raises nothing new
        clock.set(T0.plus(Duration.ofMinutes(10)));
        h.tick();
        assertThat(h.alerts("sensor-offline", "fridge-1")).hasSize(1);

        h.reading("fridge-1", T0.plus(Duration.ofMinutes(11)), 4.1);
        assertThat(h.listedDevice("fridge-1").getBoolean("online")).isTrue();
        awaitAlert("sensor-offline", "fridge-1", "RESOLVED");
        assertThat(h.alerts("sensor-offline", "fridge-1")).hasSize(1);
    }

    @Test
    void doorOpenTooLongRaisesAnAlertUntilTheDoorCloses() throws Exception {
        h.reading("fridge-1", T0, 4.0, "closed", null);
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(1)), 4.2, "open", null);
        // doorOpenLimit PT3M: open for 2 min is silent
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(3)), 4.6, "open", null);
        assertThat(h.state("fridge-1").doorAlarmed()).isFalse();
        assertThat(h.alerts("door-open", "fridge-1")).isEmpty();

        h.reading("fridge-1", T0.plus(Duration.ofMinutes(4)), 4.9, "open", null);
        JsonObject alert = awaitAlert("door-open", "fridge-1", "OPEN");
        assertThat(alert.getJsonObject("details").getString("since")).isEqualTo(T0.plus(Duration.ofMinutes(1)).toString());
        assertThat(h.state("fridge-1").state()).isEqualTo(DeviceState.IN_RANGE);

        h.reading("fridge-1", T0.plus(Duration.ofMinutes(5)), 4.7, "closed", null);
        awaitAlert("door-open", "fridge-1", "RESOLVED");
        assertThat(h.state("fridge-1").doorOpenSince()).isNull();
        assertThat(h.json("/api/v1/devices/fridge-1/readings?from=2026-11-23T10:00:00Z&to=2026-11-23T10:10:00Z")
                .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("door")).toList())
                .containsExactly("CLOSED", "OPEN", "OPEN", "OPEN", "CLOSED");
    }

    @Test
    void stoppedAgitatorRaisesAnAlertOnTheTickAndClearsWhenItRunsAgain() throws Exception {
        h.reading("agitator-1", T0, 22.0, null, "on");
        h.reading("agitator-1", T0.plus(Duration.ofMinutes(1)), 22.0, null, "off");
        h.reading("agitator-1", T0.plus(Duration.ofMinutes(5)), 22.1, null, "off");
        h.reading("agitator-1", T0.plus(Duration.ofMinutes(10)), 22.1, null, "off");
        // agitationStopLimit PT10M: stopped since 10:01, so not yet at 10:10:59
        clock.set(T0.plus(Duration.ofMinutes(11)).minusSeconds(1));
        h.tick();
        assertThat(h.state("agitator-1").agitatorAlarmed()).isFalse();
        assertThat(h.alerts("agitator-stopped", "agitator-1")).isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(11)));
        h.tick();
        JsonObject alert = awaitAlert("agitator-stopped", "agitator-1", "OPEN");
        assertThat(alert.getJsonObject("details").getString("since")).isEqualTo(T0.plus(Duration.ofMinutes(1)).toString());
        assertThat(h.state("agitator-1").agitatorAlarmed()).isTrue();

        h.reading("agitator-1", T0.plus(Duration.ofMinutes(12)), 22.0, null, "on");
        awaitAlert("agitator-stopped", "agitator-1", "RESOLVED");
        assertThat(h.state("agitator-1").agitatorStoppedSince()).isNull();
    }

    @Test
    void fridgeIgnoresAnAgitatorField() throws Exception {
        h.reading("fridge-1", T0, 4.0, null, "off");
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(2)), 4.0, null, "off");
        clock.set(T0.plus(Duration.ofMinutes(30)));
        h.tick();
        assertThat(h.state("fridge-1").agitatorAlarmed()).isFalse();
        assertThat(h.alerts("agitator-stopped", "fridge-1")).isEmpty();
    }

    private JsonObject awaitAlert(String kind, String device, String state) {
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<JsonObject> as = h.alerts(kind, device);
            return as.size() == 1 && state.equals(as.get(0).getString("state"));
        });
        try {
            return h.alerts(kind, device).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
