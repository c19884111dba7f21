package org.hemowatch.coldchain;

import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceMonitor;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.ExcursionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The takeover of a site's cold chain by a new owner: its devices' monitors are rebuilt from the
 * database before anything is evaluated, so what the previous owner was in the middle of continues.
 *
 * <p>Contract, per device of the site:
 * <ul>
 *   <li>the monitor starts from the stored snapshot (the previous owner wrote it with every step,
 *       in the transaction of the step's excursions and quarantines), unless there is none or a
 *       poisoned one ({@link #usable}); then from nothing, as a new device;</li>
 *   <li>then every stored reading measured since the snapshot's last reading (inclusive: one the
 *       snapshot already holds changes nothing, see {@code DeviceMonitor}'s late readings), or since
 *       {@link #NO_SNAPSHOT_WINDOW} without a snapshot, is replayed in measurement order (at most
 *       {@link #MAX_REPLAYED});</li>
 *   <li>so an excursion open in the snapshot keeps its id and is not started again; one the previous
 *       owner had not stored yet is started by the replay with the id it would have had (the id is
 *       derived from the site, the device and the start); the time since the last sign of life is the
 *       snapshot's and the replayed readings', so a device silent since the owner died goes offline
 *       at the first tick past its limit;</li>
 *   <li>{@link #standing} names the conditions of a restored snapshot that still stand after the
 *       replay, so their alert can be raised if the previous owner died between storing the
 *       condition and storing its alert.</li>
 * </ul>
 * {@link #load} blocks (a worker); {@link #apply} is pure and runs on the cold-chain context.
 */
final class SiteRebuild {

    static final Duration NO_SNAPSHOT_WINDOW = Duration.ofHours(1);
    static final int MAX_REPLAYED = 50_000;
    private static final int PAGE = 2_000;
    /** A stored last reading further ahead of the clock than the largest allowed skew (PT24H) marks a poisoned monitor. */
    private static final Duration POISONED_AFTER = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(SiteRebuild.class);

    /** What a site's rebuild read: usable snapshots and the readings after them, by device key. */
    record Loaded(Map<String, DeviceMonitorState> snapshots, Map<String, List<TemperatureReading>> readings) {
    }

    private SiteRebuild() {
    }

    /** The snapshot, unless it is poisoned by a last reading from the future (it would hide every real reading). */
    static DeviceMonitorState usable(DeviceMonitorState stored, Instant now) {
        if (stored != null && stored.lastReadingAt() != null && stored.lastReadingAt().isAfter(now.plus(POISONED_AFTER))) {
            LOG.warn("cold chain: device {}/{} had its last reading in the future ({}); its monitor starts afresh",
                    stored.site(), stored.device(), stored.lastReadingAt());
            return null;
        }
        return stored;
    }

    /** Where the replay of a device starts. */
    static Instant replayFrom(DeviceMonitorState snapshot, Instant now) {
        if (snapshot == null) {
            return now.minus(NO_SNAPSHOT_WINDOW);
        }
        return snapshot.lastReadingAt() != null ? snapshot.lastReadingAt() : snapshot.watchingSince();
    }

    /** Blocking: the stored snapshots of the site's devices and the readings since each. */
    static Loaded load(ColdChainStore store, Collection<DeviceProfile> devices, Instant now) {
        Map<String, DeviceMonitorState> all = store.monitors();
        Map<String, DeviceMonitorState> snapshots = new LinkedHashMap<>();
        Map<String, List<TemperatureReading>> readings = new LinkedHashMap<>();
        for (DeviceProfile p : devices) {
            String key = DeviceRegistry.key(p.site(), p.id());
            DeviceMonitorState s = usable(all.get(key), now);
            if (s != null) {
                snapshots.put(key, s);
            }
            List<TemperatureReading> since = new ArrayList<>();
            Instant from = replayFrom(s, now);
            for (int offset = 0; offset < MAX_REPLAYED; offset += PAGE) {
                List<TemperatureReading> page = store.readingsSince(p.site(), p.id(), from, PAGE, offset);
                page.stream().filter(r -> !r.late()).forEach(since::add);
                if (page.size() < PAGE) {
                    break;
                }
            }
            readings.put(key, since);
        }
        return new Loaded(snapshots, readings);
    }

    /**
     * Context: replaces the site's monitors by the rebuilt ones and replays the readings; returns
     * the events of the replay. {@code restored} is told every snapshot taken from the store.
     */
    static List<ColdChainEvent> apply(ExcursionEngine engine, Collection<DeviceProfile> devices, Loaded loaded, Instant now,
                                      BiConsumer<String, DeviceMonitorState> restored) {
        List<ColdChainEvent> events = new ArrayList<>();
        for (DeviceProfile p : devices) {
            String key = DeviceRegistry.key(p.site(), p.id());
            DeviceMonitorState s = loaded.snapshots().get(key);
            engine.remove(p.site(), p.id());
            DeviceMonitor m = s == null ? engine.register(p, now) : engine.restore(p, s);
            if (s != null) {
                restored.accept(key, m.snapshot());
            }
            for (TemperatureReading r : loaded.readings().getOrDefault(key, List.of())) {
                if (Double.isFinite(r.tempC())) {
                    events.addAll(m.onReading(r, now));
                }
            }
        }
        return events;
    }

    /**
     * Conditions of a restored snapshot that still stand after the replay ({@code now}), as the events
     * that raised them: the same open excursion, a sensor still offline.
     */
    static List<ColdChainEvent> standing(DeviceMonitorState stored, DeviceMonitorState now) {
        List<ColdChainEvent> out = new ArrayList<>();
        if (stored.excursion() != null && now.excursion() != null && stored.excursion().id().equals(now.excursion().id())) {
            out.add(new ColdChainEvent.ExcursionStarted(now.site(), now.device(), now.excursion().id(), now.excursion().start(),
                    now.lastTempC() == null ? Double.NaN : now.lastTempC(), now.excursion().reason(), now.excursion().start()));
        }
        if (!stored.online() && !now.online()) {
            out.add(new ColdChainEvent.SensorOffline(now.site(), now.device(), now.offlineSince(), now.offlineSince(),
                    now.offlineByStatus() ? "device reported offline" : "silent (found on takeover)"));
        }
        return out;
    }
}
