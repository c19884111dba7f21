package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent.ExcursionEnded;
import org.hemowatch.domain.coldchain.ColdChainEvent.ExcursionStarted;
import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOffline;
import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOnline;
import org.hemowatch.domain.coldchain.ColdChainEvent.StateChanged;

import static org.hemowatch.domain.coldchain.Durations.elapsed;

/**
 * The excursion state machine of one storage device, plus its sensor liveness, door, agitator and
 * device alarms. Pure and single-threaded: every input carries its own time (reading time, status
 * time, timer instant) and every call returns the events it caused, in causal order.
 *
 * <pre>
 * NO_DATA ──first reading──▶ IN_RANGE | WARNING | PENDING | EXCURSION
 * IN_RANGE ◀──(inside alarm set points by hysteresis)── WARNING ◀──(beyond an alarm set point)── IN_RANGE
 * IN_RANGE/WARNING ──(outside safe range)──▶ PENDING ──(still outside after excursionDelay)──▶ EXCURSION
 * PENDING ──(back inside safe range by hysteresis)──▶ WARNING/IN_RANGE   (a breach, not an excursion)
 * any non-excursion state ──(beyond a hard limit)──▶ EXCURSION at once
 * EXCURSION ──(inside safe range by hysteresis)──▶ RECOVERING ──(outside safe range)──▶ EXCURSION (same excursion)
 * RECOVERING ──(inside for recoveryConfirmation)──▶ WARNING/IN_RANGE, excursion closed
 * </pre>
 *
 * <p>Late readings (time not after the newest processed one) never change state; they only widen
 * the min/max of the open excursion (or pending breach) whose time span they fall in.
 */
public final class DeviceMonitor {

    private final DeviceProfile profile;
    private final Instant watchingSince;
    private DeviceState state;
    private Instant stateSince;
    private Instant lastReadingAt;
    private Double lastTempC;
    private Instant lastTickAt;
    private Instant lastSeenAt;
    private boolean online;
    private Instant offlineSince;
    private boolean offlineByStatus;
    private Instant pendingSince;
    private Double pendingMinC;
    private Double pendingMaxC;
    private Excursion excursion;
    private Instant recoveringSince;
    private DeviceWatches watches;

    private DeviceMonitor(DeviceProfile profile, Instant watchingSince) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.watchingSince = Objects.requireNonNull(watchingSince, "watchingSince");
    }

    /** A new monitor with no readings yet; the sensor counts as online and silence is measured from {@code now}. */
    public static DeviceMonitor start(DeviceProfile profile, Instant now) {
        DeviceMonitor m = new DeviceMonitor(profile, now);
        m.state = DeviceState.NO_DATA;
        m.stateSince = now;
        m.lastSeenAt = now;
        m.online = true;
        m.watches = new DeviceWatches(profile, null, false, null, false, Map.of(), null);
        return m;
    }

    /**
     * Continues from a {@link #snapshot()}, possibly with a changed profile of the same device
     * (new limits apply from the next reading).
     *
     * @throws IllegalArgumentException if the snapshot belongs to another device
     */
    public static DeviceMonitor restore(DeviceProfile profile, DeviceMonitorState s) {
        if (!profile.id().equals(s.device()) || !Objects.equals(profile.site(), s.site())) {
            throw new IllegalArgumentException("snapshot of " + s.site() + "/" + s.device()
                    + " cannot restore device " + profile.site() + "/" + profile.id());
        }
        DeviceMonitor m = new DeviceMonitor(profile, s.watchingSince());
        m.state = s.state();
        m.stateSince = s.stateSince();
        m.lastReadingAt = s.lastReadingAt();
        m.lastTempC = s.lastTempC();
        m.lastTickAt = s.lastTickAt();
        m.lastSeenAt = s.lastSeenAt();
        m.online = s.online();
        m.offlineSince = s.offlineSince();
        m.offlineByStatus = s.offlineByStatus();
        m.pendingSince = s.pendingSince();
        m.pendingMinC = s.pendingMinC();
        m.pendingMaxC = s.pendingMaxC();
        m.excursion = s.excursion();
        m.recoveringSince = s.recoveringSince();
        m.watches = new DeviceWatches(profile, s.doorOpenSince(), s.doorAlarmed(), s.agitatorStoppedSince(),
                s.agitatorAlarmed(), s.activeAlarms(), s.lastAlarmStatusAt());
        return m;
    }

    /** Everything this monitor remembers, for the store. */
    public DeviceMonitorState snapshot() {
        return new DeviceMonitorState(profile.site(), profile.id(), state, stateSince, watchingSince, lastReadingAt,
                lastTempC, lastTickAt, lastSeenAt, online, offlineSince, offlineByStatus, pendingSince, pendingMinC,
                pendingMaxC, excursion, recoveringSince, watches.doorOpenSince(), watches.doorAlarmed(),
                watches.agitatorStoppedSince(), watches.agitatorAlarmed(), watches.activeAlarms(), watches.lastAlarmStatusAt());
    }

    public DeviceProfile profile() {
        return profile;
    }

    public DeviceState state() {
        return state;
    }

    /** False after silence of {@link DeviceProfile#offlineAfter()} or an {@code offline} status. */
    public boolean online() {
        return online;
    }

    /** The open excursion (EXCURSION or RECOVERING), with its min/max so far. */
    public Optional<Excursion> openExcursion() {
        return Optional.ofNullable(excursion);
    }

    /** Active device alarm codes (e.g. {@code PWR_FAIL}) and since when. */
    public Map<String, Instant> activeAlarms() {
        return watches.activeAlarms();
    }

    /**
     * Processes one reading of this device.
     *
     * @throws IllegalArgumentException if the reading is for another device or its temperature is not finite
     */
    public List<ColdChainEvent> onReading(TemperatureReading r) {
        requireMine(r.site(), r.device());
        if (!Double.isFinite(r.tempC())) {
            throw new IllegalArgumentException("reading of " + r.device() + " at " + r.at() + " has no finite temperature");
        }
        if (lastReadingAt != null && !r.at().isAfter(lastReadingAt)) {
            absorbLate(r.at(), r.tempC());
            return List.of();
        }
        List<ColdChainEvent> ev = new ArrayList<>();
        if (!online && bringsOnline(r.at())) {
            ev.add(new SensorOnline(profile.site(), profile.id(), r.at(), offlineSince));
            markOnline();
        }
        lastReadingAt = r.at();
        lastTempC = r.tempC();
        lastSeenAt = max(lastSeenAt, r.at());
        thermal(r.at(), r.tempC(), ev);
        watches.onReading(r, ev);
        return List.copyOf(ev);
    }

    /**
     * Processes a status report: {@code online}/{@code offline} (case-insensitive) change liveness;
     * {@code X_OK} clears active alarms {@code X_*}; any other code raises a device alarm once.
     */
    public List<ColdChainEvent> onStatus(DeviceStatusReport s) {
        requireMine(s.site(), s.device());
        String code = s.code().trim().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return List.of();
        }
        List<ColdChainEvent> ev = new ArrayList<>();
        switch (code) {
            case "ONLINE" -> {
                // an "online" older than the "offline" it would answer is stale
                if (!online && offlineByStatus && !s.at().isAfter(offlineSince)) {
                    return List.of();
                }
                if (!online) {
                    ev.add(new SensorOnline(profile.site(), profile.id(), s.at(), offlineSince));
                    markOnline();
                }
                lastSeenAt = max(lastSeenAt, s.at());
            }
            case "OFFLINE" -> {
                // a reading or "online" newer than this "offline" already proved the device alive
                if (online && !s.at().isBefore(lastSeenAt)) {
                    online = false;
                    offlineSince = s.at();
                    offlineByStatus = true;
                    ev.add(new SensorOffline(profile.site(), profile.id(), s.at(), s.at(), "device reported offline"));
                }
            }
            default -> watches.onAlarmCode(code, s.at(), ev);
        }
        return List.copyOf(ev);
    }

    /**
     * Timer input: starts an excursion whose delay has elapsed, detects a silent sensor, a door open
     * too long and an agitator stopped too long. Ticks older than the newest tick are ignored.
     */
    public List<ColdChainEvent> onTick(Instant now) {
        if (lastTickAt != null && now.isBefore(lastTickAt)) {
            return List.of();
        }
        lastTickAt = now;
        List<ColdChainEvent> ev = new ArrayList<>();
        // deliberately also when the sensor is silent: the last known value was out of range and nothing shows it came back
        if (state == DeviceState.PENDING && elapsed(pendingSince, now, profile.excursionDelay())) {
            startExcursion(pendingSince, now, lastTempC, delayReason(lastTempC), ev);
        }
        if (online && elapsed(lastSeenAt, now, profile.offlineAfter())) {
            online = false;
            offlineSince = lastSeenAt;
            offlineByStatus = false;
            ev.add(new SensorOffline(profile.site(), profile.id(), lastSeenAt, now, "silent for " + Durations.human(profile.offlineAfter())));
        }
        watches.onTick(now, ev);
        return List.copyOf(ev);
    }

    // ---- thermal state machine ----

    private void thermal(Instant at, double t, List<ColdChainEvent> ev) {
        switch (state) {
            case NO_DATA, IN_RANGE, WARNING -> {
                Band band = state == DeviceState.NO_DATA ? Band.of(profile, t, 0)
                        : Band.stepped(profile, t, state == DeviceState.WARNING ? Band.ALARM : Band.NORMAL);
                if (band == Band.HARD) {
                    startExcursion(at, at, t, hardReason(t), ev);
                } else if (band == Band.OUT) {
                    pendingSince = at;
                    pendingMinC = t;
                    pendingMaxC = t;
                    if (profile.excursionDelay().isZero()) {
                        startExcursion(at, at, t, delayReason(t), ev);
                    } else {
                        move(DeviceState.PENDING, at, t, ev);
                    }
                } else {
                    move(inside(band), at, t, ev);
                }
            }
            case PENDING -> {
                Band band = Band.stepped(profile, t, Band.OUT);
                if (band.atLeast(Band.OUT)) {
                    pendingMinC = Math.min(pendingMinC, t);
                    pendingMaxC = Math.max(pendingMaxC, t);
                    if (band == Band.HARD) {
                        startExcursion(pendingSince, at, t, hardReason(t), ev);
                    } else if (elapsed(pendingSince, at, profile.excursionDelay())) {
                        startExcursion(pendingSince, at, t, delayReason(t), ev);
                    }
                } else {
                    clearPending();
                    move(inside(band), at, t, ev);
                }
            }
            case EXCURSION -> {
                Band band = Band.stepped(profile, t, Band.OUT);
                if (band.atLeast(Band.OUT)) {
                    excursion = excursion.including(t);
                } else {
                    recoveringSince = at;
                    if (profile.recoveryConfirmation().isZero()) {
                        endExcursion(at, t, band, ev);
                    } else {
                        move(DeviceState.RECOVERING, at, t, ev);
                    }
                }
            }
            case RECOVERING -> {
                Band raw = Band.of(profile, t, 0);
                if (raw.atLeast(Band.OUT)) {
                    excursion = excursion.including(t);
                    recoveringSince = null;
                    move(DeviceState.EXCURSION, at, t, ev);
                } else if (elapsed(recoveringSince, at, profile.recoveryConfirmation())) {
                    endExcursion(at, t, Band.stepped(profile, t, Band.OUT), ev);
                }
            }
        }
    }

    private void startExcursion(Instant start, Instant at, double t, String reason, List<ColdChainEvent> ev) {
        double min = pendingMinC == null ? t : Math.min(pendingMinC, t);
        double max = pendingMaxC == null ? t : Math.max(pendingMaxC, t);
        String id = Excursion.idFor(profile.site(), profile.id(), start);
        excursion = new Excursion(id, profile.site(), profile.id(), start, null, min, max, reason);
        clearPending();
        move(DeviceState.EXCURSION, at, t, ev);
        ev.add(new ExcursionStarted(profile.site(), profile.id(), id, at, t, reason, start));
    }

    private void endExcursion(Instant at, double t, Band band, List<ColdChainEvent> ev) {
        Excursion ended = excursion.endedAt(recoveringSince);
        excursion = null;
        recoveringSince = null;
        move(inside(band), at, t, ev);
        ev.add(new ExcursionEnded(ended, at));
    }

    private void absorbLate(Instant at, double t) {
        if (state == DeviceState.PENDING && !at.isBefore(pendingSince)) {
            pendingMinC = Math.min(pendingMinC, t);
            pendingMaxC = Math.max(pendingMaxC, t);
        } else if (excursion != null && !at.isBefore(excursion.start())
                && (recoveringSince == null || at.isBefore(recoveringSince))) {
            excursion = excursion.including(t);
        }
    }

    private void move(DeviceState to, Instant at, double t, List<ColdChainEvent> ev) {
        if (to != state) {
            ev.add(new StateChanged(profile.site(), profile.id(), state, to, at, t));
            state = to;
            stateSince = at;
        }
    }

    private void clearPending() {
        pendingSince = null;
        pendingMinC = null;
        pendingMaxC = null;
    }

    private static DeviceState inside(Band band) {
        return band == Band.ALARM ? DeviceState.WARNING : DeviceState.IN_RANGE;
    }

    private String delayReason(double t) {
        String side = high(t) ? "above safe max" : "below safe min";
        Duration d = profile.excursionDelay();
        return d.isZero() ? side : side + " for " + Durations.human(d);
    }

    private String hardReason(double t) {
        return high(t) ? "beyond hard limit (above " + profile.hardHigh() + " °C)"
                : "beyond hard limit (below " + profile.hardLow() + " °C)";
    }

    /** Which side a value out of range is on; with hysteresis it may sit just inside the limit it crossed. */
    private boolean high(double t) {
        if (profile.safeMax() == null) {
            return false;
        }
        return profile.safeMin() == null || t >= (profile.safeMin() + profile.safeMax()) / 2;
    }

    // ---- liveness ----

    private boolean bringsOnline(Instant at) {
        if (offlineByStatus && !at.isAfter(offlineSince)) {
            return false;
        }
        // a back-filled reading that would count as silent at the latest tick does not prove the sensor is back
        return lastTickAt == null || Duration.between(at, lastTickAt).compareTo(profile.offlineAfter()) < 0;
    }

    private void markOnline() {
        online = true;
        offlineSince = null;
        offlineByStatus = false;
    }

    private void requireMine(String site, String device) {
        if (!profile.id().equals(device) || !profile.site().equals(site)) {
            throw new IllegalArgumentException("input for " + site + "/" + device
                    + " given to the monitor of " + profile.site() + "/" + profile.id());
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
