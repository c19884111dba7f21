package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOffline;
import org.hemowatch.domain.coldchain.ColdChainEvent.SensorOnline;

import static org.hemowatch.domain.coldchain.Durations.elapsed;

/**
 * Whether a device's sensor is heard from, as its {@link DeviceMonitor} tracks it. Pure, mutable,
 * owned by one monitor; every input carries its own time.
 *
 * <pre>
 * ONLINE ──(silent for offlineAfter, seen at a tick)──▶ OFFLINE by silence, since it was last seen
 * ONLINE ──("offline" status not older than the last sign of life)──▶ OFFLINE by status, since the report
 * OFFLINE ──("online" status, or a reading not already silent at the latest tick)──▶ ONLINE
 * </pre>
 * An input no newer than an {@code offline} status report never brings the sensor back.
 */
final class SensorLiveness {

    private final DeviceProfile profile;
    private Instant lastSeenAt;
    private boolean online;
    private Instant offlineSince;
    private boolean offlineByStatus;

    SensorLiveness(DeviceProfile profile, Instant lastSeenAt, boolean online, Instant offlineSince, boolean offlineByStatus) {
        this.profile = profile;
        this.lastSeenAt = lastSeenAt;
        this.online = online;
        this.offlineSince = offlineSince;
        this.offlineByStatus = offlineByStatus;
    }

    /** A reading taken at {@code at}; {@code lastTickAt} is the newest tick (null before the first). */
    void onReading(Instant at, Instant lastTickAt, List<ColdChainEvent> ev) {
        if (!online && bringsOnline(at, lastTickAt)) {
            ev.add(new SensorOnline(profile.site(), profile.id(), at, offlineSince));
            markOnline();
        }
        lastSeenAt = max(lastSeenAt, at);
    }

    /** An {@code online} status report. */
    void onOnlineStatus(Instant at, List<ColdChainEvent> ev) {
        // an "online" older than the "offline" it would answer is stale
        if (!online && offlineByStatus && !at.isAfter(offlineSince)) {
            return;
        }
        if (!online) {
            ev.add(new SensorOnline(profile.site(), profile.id(), at, offlineSince));
            markOnline();
        }
        lastSeenAt = max(lastSeenAt, at);
    }

    /** An {@code offline} status report. */
    void onOfflineStatus(Instant at, List<ColdChainEvent> ev) {
        // a reading or "online" newer than this "offline" already proved the device alive
        if (online && !at.isBefore(lastSeenAt)) {
            online = false;
            offlineSince = at;
            offlineByStatus = true;
            ev.add(new SensorOffline(profile.site(), profile.id(), at, at, "device reported offline"));
        }
    }

    /** Timer: a sensor silent for {@link DeviceProfile#offlineAfter()} goes offline. */
    void onTick(Instant now, List<ColdChainEvent> ev) {
        if (online && elapsed(lastSeenAt, now, profile.offlineAfter())) {
            online = false;
            offlineSince = lastSeenAt;
            offlineByStatus = false;
            ev.add(new SensorOffline(profile.site(), profile.id(), lastSeenAt, now, "silent for " + Durations.human(profile.offlineAfter())));
        }
    }

    boolean online() {
        return online;
    }

    Instant lastSeenAt() {
        return lastSeenAt;
    }

    Instant offlineSince() {
        return offlineSince;
    }

    boolean offlineByStatus() {
        return offlineByStatus;
    }

    private boolean bringsOnline(Instant at, Instant lastTickAt) {
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
