package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link DeviceMonitor} reports, and what the out-of-storage timer finds ({@link UnitOutOfStorage}). Every event names its device and the instant it refers to;
 * within one call the events come in causal order (a state change before the excursion event it causes).
 */
public sealed interface ColdChainEvent {

    /** The site of the device ({@link DeviceProfile#site()}). */
    String site();

    /** The device id ({@link DeviceProfile#id()}), unique within its site. */
    String device();

    /** When it happened (reading time, status time or tick time). */
    Instant at();

    /**
     * The thermal state changed.
     *
     * @param tempC the temperature that caused it; the last known one for a timer-driven change
     */
    record StateChanged(String site, String device, DeviceState from, DeviceState to, Instant at, double tempC)
            implements ColdChainEvent {
    }

    /**
     * An excursion was detected at {@code at}; it is counted from {@code start} (when the value left the safe range).
     */
    record ExcursionStarted(String site, String device, String excursionId, Instant at, double tempC, String reason,
                            Instant start)
            implements ColdChainEvent {
    }

    /** An excursion closed; {@code at} is when the return to range was confirmed, {@code excursion.end()} when it happened. */
    record ExcursionEnded(Excursion excursion, Instant at) implements ColdChainEvent {
        @Override
        public String site() {
            return excursion.site();
        }

        @Override
        public String device() {
            return excursion.device();
        }
    }

    /**
     * The sensor counts as offline.
     *
     * @param since last sign of life (silence) or the time of the {@code offline} status
     * @param at    when it was detected
     * @param cause {@code silent for 15 min} or {@code device reported offline}
     */
    record SensorOffline(String site, String device, Instant since, Instant at, String cause) implements ColdChainEvent {
    }

    /** The sensor reports again after being offline since {@code offlineSince}. */
    record SensorOnline(String site, String device, Instant at, Instant offlineSince) implements ColdChainEvent {
    }

    /** The door has been open since {@code openSince}, longer than the profile allows. */
    record DoorOpenTooLong(String site, String device, Instant openSince, Instant at) implements ColdChainEvent {
    }

    /** The door closed after a {@link DoorOpenTooLong}; only sent to clear that alarm. */
    record DoorClosed(String site, String device, Instant at, Instant openSince) implements ColdChainEvent {
    }

    /** The agitator of a device that requires agitation has been stopped since {@code stoppedSince}, too long. */
    record AgitatorStopped(String site, String device, Instant stoppedSince, Instant at) implements ColdChainEvent {
    }

    /** The agitator runs again after an {@link AgitatorStopped}. */
    record AgitatorRunning(String site, String device, Instant at, Instant stoppedSince) implements ColdChainEvent {
    }

    /**
     * A unit in stock has been out of controlled storage longer than its component class's limit and was
     * quarantined by the timer; {@code device} is the place it was left (a bench, a room, an unregistered location).
     *
     * @param unit   the unit's key ({@code DIN-product-division}), the alert's subject
     * @param leftAt when it left controlled storage
     */
    record UnitOutOfStorage(String site, String device, String unit, Instant leftAt, Instant at, Duration limit)
            implements ColdChainEvent {
    }

    /** A device-side alarm code, e.g. {@code PWR_FAIL}, {@code COMP_FAULT}, {@code BATT_LOW}. */
    record DeviceAlarm(String site, String device, String code, Instant at) implements ColdChainEvent {
    }

    /** A device-side alarm was cleared by {@code clearedBy} (e.g. {@code PWR_OK} clears {@code PWR_FAIL}). */
    record DeviceAlarmCleared(String site, String device, String code, Instant since, Instant at, String clearedBy)
            implements ColdChainEvent {
    }
}
