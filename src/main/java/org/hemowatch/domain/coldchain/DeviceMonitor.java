package org.hemowatch.domain.coldchain;

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
import org.hemowatch.domain.coldchain.ColdChainEvent.StateChanged;

import static org.hemowatch.domain.coldchain.Durations.elapsed;

/**
 * The excursion state machine of one storage device, plus its sensor liveness ({@link SensorLiveness}),
 * door, agitator and device alarms ({@link DeviceWatches}). Pure and single-threaded: every input carries its own time (reading time, status
 * time, timer instant) and every call returns the events it caused, in causal order.
 *
 * <pre>
 * NO_DATA ──first reading──▶ IN_RANGE | WARNING | PENDING | EXCURSION
 * IN_RANGE ◀──(inside alarm set points by hysteresis)── WARNING ◀──(beyond an alarm set point)── IN_RANGE
 * IN_RANGE/WARNING ──(outside safe range)──▶ PENDING ──(still outside after excursionDelay)──▶ EXCURSION
 * PENDING ──(back inside safe range by hysteresis)──▶ WARNING/IN_RANGE   (a {@link PendingBreach}, not an excursion)
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
    private SensorLiveness liveness;
    private PendingBreach pending;
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
        m.liveness = new SensorLiveness(profile, now, true, null, false);
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
        m.liveness = new SensorLiveness(profile, s.lastSeenAt(), s.online(), s.offlineSince(), s.offlineByStatus());
        m.pending = PendingBreach.restored(s.pendingSince(), s.pendingMinC(), s.pendingMaxC());
        m.excursion = s.excursion();
        m.recoveringSince = s.recoveringSince();
        m.watches = new DeviceWatches(profile, s.doorOpenSince(), s.doorAlarmed(), s.agitatorStoppedSince(),
                s.agitatorAlarmed(), s.activeAlarms(), s.lastAlarmStatusAt());
        return m;
    }

    /** Everything this monitor remembers, for the store. */
    public DeviceMonitorState snapshot() {
        return new DeviceMonitorState(profile.site(), profile.id(), state, stateSince, watchingSince, lastReadingAt,
                lastTempC, lastTickAt, liveness.lastSeenAt(), liveness.online(), liveness.offlineSince(), liveness.offlineByStatus(),
                pending == null ? null : pending.since(), pending == null ? null : pending.minC(), pending == null ? null : pending.maxC(),
                excursion, recoveringSince, watches.doorOpenSince(), watches.doorAlarmed(),
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
        return liveness.online();
    }

    /** The open excursion (EXCURSION or RECOVERING), with its min/max so far. */
    public Optional<Excursion> openExcursion() {
        return Optional.ofNullable(excursion);
    }

    /** Active device alarm codes (e.g. {@code PWR_FAIL}) and since when. */
    public Map<String, Instant> activeAlarms() {
        return watches.activeAlarms();
    }

    /** {@link #onReading(TemperatureReading, Instant)} of a reading received at its own time. */
    public List<ColdChainEvent> onReading(TemperatureReading r) {
        return onReading(r, r.at());
    }

    /**
     * Processes one reading of this device, received at {@code now}. One from the future (within the allowed
     * clock skew) counts as taken at {@code now}: the last-reading time never runs ahead of the clock.
     *
     * @throws IllegalArgumentException if the reading is for another device or its temperature is not finite
     */
    public List<ColdChainEvent> onReading(TemperatureReading reading, Instant now) {
        TemperatureReading r = reading.at().isAfter(now) ? reading.withTime(now) : reading;
        requireMine(r.site(), r.device());
        if (!Double.isFinite(r.tempC())) {
            throw new IllegalArgumentException("reading of " + r.device() + " at " + r.at() + " has no finite temperature");
        }
        if (lastReadingAt != null && !r.at().isAfter(lastReadingAt)) {
            absorbLate(r.at(), r.tempC());
            return List.of();
        }
        List<ColdChainEvent> ev = new ArrayList<>();
        liveness.onReading(r.at(), lastTickAt, ev);
        lastReadingAt = r.at();
        lastTempC = r.tempC();
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
            case "ONLINE" -> liveness.onOnlineStatus(s.at(), ev);
            case "OFFLINE" -> liveness.onOfflineStatus(s.at(), ev);
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
        if (state == DeviceState.PENDING && elapsed(pending.since(), now, profile.excursionDelay())) {
            startExcursion(pending.since(), now, lastTempC, ExcursionReason.delay(profile, lastTempC), ev);
        }
        liveness.onTick(now, ev);
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
                    startExcursion(at, at, t, ExcursionReason.hard(profile, t), ev);
                } else if (band == Band.OUT) {
                    pending = PendingBreach.at(at, t);
                    if (profile.excursionDelay().isZero()) {
                        startExcursion(at, at, t, ExcursionReason.delay(profile, t), ev);
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
                    pending = pending.including(t);
                    if (band == Band.HARD) {
                        startExcursion(pending.since(), at, t, ExcursionReason.hard(profile, t), ev);
                    } else if (elapsed(pending.since(), at, profile.excursionDelay())) {
                        startExcursion(pending.since(), at, t, ExcursionReason.delay(profile, t), ev);
                    }
                } else {
                    pending = null;
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
        double min = pending == null ? t : Math.min(pending.minC(), t);
        double max = pending == null ? t : Math.max(pending.maxC(), t);
        String id = Excursion.idFor(profile.site(), profile.id(), start);
        excursion = new Excursion(id, profile.site(), profile.id(), start, null, min, max, reason);
        pending = null;
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
        if (state == DeviceState.PENDING && !at.isBefore(pending.since())) {
            pending = pending.including(t);
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

    private static DeviceState inside(Band band) {
        return band == Band.ALARM ? DeviceState.WARNING : DeviceState.IN_RANGE;
    }

    private void requireMine(String site, String device) {
        if (!profile.id().equals(device) || !profile.site().equals(site)) {
            throw new IllegalArgumentException("input for " + site + "/" + device
                    + " given to the monitor of " + profile.site() + "/" + profile.id());
        }
    }
}
