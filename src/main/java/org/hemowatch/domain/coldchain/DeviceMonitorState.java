package org.hemowatch.domain.coldchain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a {@link DeviceMonitor} remembers, as a plain record (strings, numbers, booleans,
 * instants, enums, a map and the open {@link Excursion}) that a store can save as JSON and hand
 * back to {@link DeviceMonitor#restore} after a restart, so an open excursion continues with the same id.
 *
 * @param stateSince           when the current {@link DeviceState} was entered
 * @param watchingSince        when monitoring started; the silence reference before the first reading
 * @param lastReadingAt        time of the newest processed reading (older ones are "late")
 * @param lastTempC            its temperature
 * @param lastTickAt           newest timer instant seen
 * @param lastSeenAt           newest sign of life (reading or {@code online} status)
 * @param offlineSince         while offline: last sign of life, or the time of the {@code offline} status
 * @param offlineByStatus      offline because the device (or its broker) said so, not because it went silent
 * @param pendingSince         while PENDING: first reading outside the safe range
 * @param pendingMinC          while PENDING: lowest reading since {@code pendingSince}
 * @param pendingMaxC          while PENDING: highest reading since {@code pendingSince}
 * @param excursion            the open excursion while EXCURSION or RECOVERING
 * @param recoveringSince      while RECOVERING: first reading back inside the safe range
 * @param doorOpenSince        door open since (null when closed or unknown)
 * @param doorAlarmed          a {@code DoorOpenTooLong} was sent for this opening
 * @param agitatorStoppedSince agitator stopped since (null when running or unknown)
 * @param agitatorAlarmed      an {@code AgitatorStopped} was sent for this stop
 * @param activeAlarms         active device alarm codes and since when
 * @param lastAlarmStatusAt    time of the newest processed alarm status (older ones are ignored)
 */
public record DeviceMonitorState(
        String site,
        String device,
        DeviceState state,
        Instant stateSince,
        Instant watchingSince,
        Instant lastReadingAt,
        Double lastTempC,
        Instant lastTickAt,
        Instant lastSeenAt,
        boolean online,
        Instant offlineSince,
        boolean offlineByStatus,
        Instant pendingSince,
        Double pendingMinC,
        Double pendingMaxC,
        Excursion excursion,
        Instant recoveringSince,
        Instant doorOpenSince,
        boolean doorAlarmed,
        Instant agitatorStoppedSince,
        boolean agitatorAlarmed,
        Map<String, Instant> activeAlarms,
        Instant lastAlarmStatusAt) {

    public DeviceMonitorState {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(watchingSince, "watchingSince");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        activeAlarms = activeAlarms == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(activeAlarms));
        check(state.excursionOpen() == (excursion != null), "an open excursion exactly in EXCURSION/RECOVERING", state);
        check((state == DeviceState.PENDING) == (pendingSince != null && pendingMinC != null && pendingMaxC != null),
                "pendingSince/pendingMinC/pendingMaxC exactly in PENDING", state);
        check((state == DeviceState.RECOVERING) == (recoveringSince != null), "recoveringSince exactly in RECOVERING", state);
        check(state == DeviceState.NO_DATA || (lastReadingAt != null && lastTempC != null),
                "lastReadingAt/lastTempC once a reading was processed", state);
        check(online == (offlineSince == null), "offlineSince exactly while offline", state);
    }

    private static void check(boolean ok, String rule, DeviceState state) {
        if (!ok) {
            throw new IllegalArgumentException("inconsistent monitor state " + state + ": expected " + rule);
        }
    }

    /**
     * True if both snapshots are the same apart from when the last tick ran: a tick alone changes
     * nothing worth storing.
     */
    public boolean sameIgnoringTick(DeviceMonitorState other) {
        return other != null && withoutTick().equals(other.withoutTick());
    }

    private DeviceMonitorState withoutTick() {
        return new DeviceMonitorState(site, device, state, stateSince, watchingSince, lastReadingAt,
                lastTempC, null, lastSeenAt, online, offlineSince, offlineByStatus, pendingSince,
                pendingMinC, pendingMaxC, excursion, recoveringSince, doorOpenSince, doorAlarmed,
                agitatorStoppedSince, agitatorAlarmed, activeAlarms, lastAlarmStatusAt);
    }
}
