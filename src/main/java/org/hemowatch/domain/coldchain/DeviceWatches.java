package org.hemowatch.domain.coldchain;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent.AgitatorRunning;
import org.hemowatch.domain.coldchain.ColdChainEvent.AgitatorStopped;
import org.hemowatch.domain.coldchain.ColdChainEvent.DeviceAlarm;
import org.hemowatch.domain.coldchain.ColdChainEvent.DeviceAlarmCleared;
import org.hemowatch.domain.coldchain.ColdChainEvent.DoorClosed;
import org.hemowatch.domain.coldchain.ColdChainEvent.DoorOpenTooLong;

/**
 * What a {@link DeviceMonitor} watches besides temperature: the door, the platelet agitator and
 * the alarm codes the device reports itself. Mutable; owned by one monitor.
 */
final class DeviceWatches {

    private final DeviceProfile profile;
    private final HeldCondition doorOpen;
    private final HeldCondition agitatorStopped;
    private final TreeMap<String, Instant> activeAlarms;
    private Instant lastAlarmStatusAt;

    DeviceWatches(DeviceProfile profile, Instant doorOpenSince, boolean doorAlarmed, Instant agitatorStoppedSince,
                  boolean agitatorAlarmed, Map<String, Instant> activeAlarms, Instant lastAlarmStatusAt) {
        this.profile = profile;
        this.doorOpen = new HeldCondition(doorOpenSince, doorAlarmed);
        this.agitatorStopped = new HeldCondition(agitatorStoppedSince, agitatorAlarmed);
        this.activeAlarms = new TreeMap<>(activeAlarms);
        this.lastAlarmStatusAt = lastAlarmStatusAt;
    }

    /** Door and agitator state carried by a reading. */
    void onReading(TemperatureReading r, List<ColdChainEvent> ev) {
        door(r, ev);
        agitator(r, ev);
    }

    /** Timer: a door open too long, an agitator stopped too long. */
    void onTick(Instant now, List<ColdChainEvent> ev) {
        checkDoor(now, ev);
        checkAgitator(now, ev);
    }

    /** A device-reported alarm code: {@code X_OK} clears active {@code X_*} codes, any other raises it once. */
    void onAlarmCode(String code, Instant at, List<ColdChainEvent> ev) {
        deviceAlarm(code, at, ev);
    }

    Instant doorOpenSince() {
        return doorOpen.since();
    }

    boolean doorAlarmed() {
        return doorOpen.alarmed();
    }

    Instant agitatorStoppedSince() {
        return agitatorStopped.since();
    }

    boolean agitatorAlarmed() {
        return agitatorStopped.alarmed();
    }

    /** Active codes by name, in name order (snapshots stay stable). */
    Map<String, Instant> activeAlarms() {
        return Collections.unmodifiableMap(new TreeMap<>(activeAlarms));
    }

    Instant lastAlarmStatusAt() {
        return lastAlarmStatusAt;
    }


    private void door(TemperatureReading r, List<ColdChainEvent> ev) {
        switch (r.door()) {
            case OPEN -> {
                if (doorOpen.holds(r.at(), profile.doorOpenLimit())) {
                    ev.add(new DoorOpenTooLong(profile.site(), profile.id(), doorOpen.since(), r.at()));
                }
            }
            case CLOSED -> {
                Instant openSince = doorOpen.ends();
                if (openSince != null) {
                    ev.add(new DoorClosed(profile.site(), profile.id(), r.at(), openSince));
                }
            }
            case UNKNOWN -> {
                // not reported: keep what we know
            }
        }
    }

    private void checkDoor(Instant now, List<ColdChainEvent> ev) {
        if (doorOpen.check(now, profile.doorOpenLimit())) {
            ev.add(new DoorOpenTooLong(profile.site(), profile.id(), doorOpen.since(), now));
        }
    }

    private void agitator(TemperatureReading r, List<ColdChainEvent> ev) {
        if (!profile.agitationRequired()) {
            return;
        }
        switch (r.agitator()) {
            case OFF -> {
                if (agitatorStopped.holds(r.at(), profile.agitationStopLimit())) {
                    ev.add(new AgitatorStopped(profile.site(), profile.id(), agitatorStopped.since(), r.at()));
                }
            }
            case ON -> {
                Instant stoppedSince = agitatorStopped.ends();
                if (stoppedSince != null) {
                    ev.add(new AgitatorRunning(profile.site(), profile.id(), r.at(), stoppedSince));
                }
            }
            case UNKNOWN -> {
                // not reported: keep what we know
            }
        }
    }

    private void checkAgitator(Instant now, List<ColdChainEvent> ev) {
        if (profile.agitationRequired() && agitatorStopped.check(now, profile.agitationStopLimit())) {
            ev.add(new AgitatorStopped(profile.site(), profile.id(), agitatorStopped.since(), now));
        }
    }


    private void deviceAlarm(String code, Instant at, List<ColdChainEvent> ev) {
        if (lastAlarmStatusAt != null && at.isBefore(lastAlarmStatusAt)) {
            return; // late: a newer alarm status was already applied
        }
        lastAlarmStatusAt = at;
        if (code.endsWith("_OK")) {
            String prefix = code.substring(0, code.length() - "OK".length());
            for (Iterator<Map.Entry<String, Instant>> it = activeAlarms.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Instant> e = it.next();
                if (e.getKey().startsWith(prefix)) {
                    it.remove();
                    ev.add(new DeviceAlarmCleared(profile.site(), profile.id(), e.getKey(), e.getValue(), at, code));
                }
            }
        } else if (!activeAlarms.containsKey(code)) {
            activeAlarms.put(code, at);
            ev.add(new DeviceAlarm(profile.site(), profile.id(), code, at));
        }
    }
}
