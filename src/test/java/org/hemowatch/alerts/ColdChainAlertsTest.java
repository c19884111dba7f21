package org.hemowatch.alerts;

import org.hemowatch.domain.alert.AlertKey;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.AlertIntent;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.IdSource;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.domain.coldchain.Excursion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ColdChainAlertsTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T1 = T.plusSeconds(600);

    static Stream<Arguments> pairs() {
        Excursion closed = new Excursion(Excursion.idFor("main", "fridge-1", T), "main", "fridge-1", T, T1, 2.0, 8.4, "above safe max");
        return Stream.of(
                Arguments.of(new ColdChainEvent.ExcursionStarted("main", "fridge-1", "x-1", T1, 8.4, "above safe max", T),
                        new ColdChainEvent.ExcursionEnded(closed, T1.plusSeconds(900)), AlertKind.EXCURSION, Severity.CRITICAL),
                Arguments.of(new ColdChainEvent.StateChanged("main", "fridge-1", DeviceState.IN_RANGE, DeviceState.WARNING, T, 5.6),
                        new ColdChainEvent.StateChanged("main", "fridge-1", DeviceState.WARNING, DeviceState.IN_RANGE, T1, 4.0),
                        AlertKind.WARNING, Severity.WARNING),
                Arguments.of(new ColdChainEvent.SensorOffline("main", "fridge-1", T, T1, "silent for 15 min"),
                        new ColdChainEvent.SensorOnline("main", "fridge-1", T1.plusSeconds(60), T), AlertKind.SENSOR_OFFLINE, Severity.WARNING),
                Arguments.of(new ColdChainEvent.DoorOpenTooLong("main", "fridge-1", T, T1),
                        new ColdChainEvent.DoorClosed("main", "fridge-1", T1.plusSeconds(5), T), AlertKind.DOOR_OPEN, Severity.WARNING),
                Arguments.of(new ColdChainEvent.AgitatorStopped("main", "fridge-1", T, T1),
                        new ColdChainEvent.AgitatorRunning("main", "fridge-1", T1.plusSeconds(5), T), AlertKind.AGITATOR_STOPPED, Severity.WARNING),
                Arguments.of(new ColdChainEvent.DeviceAlarm("main", "fridge-1", "PWR_FAIL", T),
                        new ColdChainEvent.DeviceAlarmCleared("main", "fridge-1", "PWR_FAIL", T, T1, "PWR_OK"), AlertKind.DEVICE_STATUS, Severity.WARNING));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("pairs")
    void raisesOnTheConditionAndClearsWhenItEnds(ColdChainEvent raise, ColdChainEvent clear, AlertKind kind, Severity severity) {
        AlertBook book = new AlertBook(IdSource.sequential("a"));

        book.applyAll(ColdChainAlerts.intentsFor(raise, book::active), raise.at());
        Alert open = book.active().get(0);
        assertThat(open.kind()).isEqualTo(kind);
        assertThat(open.site()).isEqualTo("main");
        assertThat(open.subject()).isEqualTo("fridge-1");
        assertThat(open.severity()).isEqualTo(severity);

        List<AlertIntent> intents = ColdChainAlerts.intentsFor(clear, book::active);
        assertThat(intents).containsExactly(new AlertIntent.Clear(open.key()));
        book.applyAll(intents, clear.at());
        assertThat(book.get(open.id()).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aUnitQuarantinedByTheOutOfStorageTimerRaisesAWarningNamingTheUnit() {
        var e = new ColdChainEvent.UnitOutOfStorage("main", "bench", "A999926000113/E0398/00", T.minusSeconds(35 * 60), T,
                java.time.Duration.ofMinutes(30));

        var intents = ColdChainAlerts.intentsFor(e, k -> Optional.empty());

        assertThat(intents).singleElement().isInstanceOfSatisfying(AlertIntent.Raise.class, r -> {
            assertThat(r.key()).isEqualTo(new AlertKey(AlertKind.OUT_OF_STORAGE, "main", "A999926000113/E0398/00"));
            assertThat(r.severity()).isEqualTo(Severity.WARNING);
            assertThat(r.message()).contains("bench").contains("30 min").contains("quarantined");
        });
    }

    @Test
    void ignoresStateChangesThatNeitherEnterNorLeaveWarning() {
        assertThat(ColdChainAlerts.intentsFor(new ColdChainEvent.StateChanged("main", "f", DeviceState.IN_RANGE, DeviceState.PENDING, T, 9),
                k -> Optional.empty())).isEmpty();
    }

    @Test
    void keepsOneDeviceStatusAlertOpenUntilEveryAlarmCodeIsCleared() {
        AlertBook book = new AlertBook(IdSource.sequential("a"));
        book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarm("main", "f", "PWR_FAIL", T), book::active), T);
        book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarm("main", "f", "BATT_LOW", T1), book::active), T1);
        assertThat(book.active()).hasSize(1);
        assertThat(book.active().get(0).details().get("codes")).isEqualTo(List.of("PWR_FAIL", "BATT_LOW"));

        book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarmCleared("main", "f", "PWR_FAIL", T, T1, "PWR_OK"), book::active), T1);
        assertThat(book.active()).hasSize(1);
        assertThat(book.active().get(0).details().get("codes")).isEqualTo(List.of("BATT_LOW"));

        book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarmCleared("main", "f", "BATT_LOW", T, T1, "BATT_OK"), book::active), T1);
        assertThat(book.active()).isEmpty();
    }

    @Test
    void aRepeatedDeviceAlarmChangesNothing() {
        AlertBook book = new AlertBook(IdSource.sequential("a"));
        book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarm("main", "f", "PWR_FAIL", T), book::active), T);

        assertThat(book.applyAll(ColdChainAlerts.intentsFor(new ColdChainEvent.DeviceAlarm("main", "f", "PWR_FAIL", T1), book::active), T1))
                .isEmpty();
    }
}
