package org.hemowatch.domain.coldchain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;

/**
 * The {@link DeviceMonitor}s of all registered devices, keyed by site and device id, routing
 * readings, statuses and timer ticks to them. Pure and not thread-safe: one owner feeds it.
 * Inputs for a device that is not registered are ignored (empty result); use
 * {@link #knows(String, String)} to count or report them.
 */
public final class ExcursionEngine {

    private final Map<String, DeviceMonitor> monitors = new LinkedHashMap<>();

    /**
     * Starts monitoring {@code profile}'s device; if it is already monitored, its state is kept and
     * the new profile applies from the next input.
     */
    public DeviceMonitor register(DeviceProfile profile, Instant now) {
        DeviceMonitor existing = monitors.get(key(profile.site(), profile.id()));
        DeviceMonitor m = existing == null ? DeviceMonitor.start(profile, now)
                : DeviceMonitor.restore(profile, existing.snapshot());
        monitors.put(key(profile.site(), profile.id()), m);
        return m;
    }

    /** Continues monitoring from a stored snapshot (after a restart). */
    public DeviceMonitor restore(DeviceProfile profile, DeviceMonitorState state) {
        DeviceMonitor m = DeviceMonitor.restore(profile, state);
        monitors.put(key(profile.site(), profile.id()), m);
        return m;
    }

    /** Stops monitoring a device; true if it was monitored. */
    public boolean remove(String site, String device) {
        return monitors.remove(key(site, device)) != null;
    }

    public boolean knows(String site, String device) {
        return monitors.containsKey(key(site, device));
    }

    public Optional<DeviceMonitor> monitor(String site, String device) {
        return Optional.ofNullable(monitors.get(key(site, device)));
    }

    /** All monitors, in registration order. */
    public Collection<DeviceMonitor> monitors() {
        return Collections.unmodifiableCollection(monitors.values());
    }

    /** See {@link DeviceMonitor#onReading(TemperatureReading)}; empty for an unknown device. */
    public List<ColdChainEvent> onReading(TemperatureReading r) {
        return onReading(r, r.at());
    }

    /** See {@link DeviceMonitor#onReading(TemperatureReading, Instant)}; empty for an unknown device. */
    public List<ColdChainEvent> onReading(TemperatureReading r, Instant now) {
        DeviceMonitor m = monitors.get(key(r.site(), r.device()));
        return m == null ? List.of() : m.onReading(r, now);
    }

    /** See {@link DeviceMonitor#onStatus}; empty for an unknown device. */
    public List<ColdChainEvent> onStatus(DeviceStatusReport s) {
        DeviceMonitor m = monitors.get(key(s.site(), s.device()));
        return m == null ? List.of() : m.onStatus(s);
    }

    /** Ticks every monitor; events in registration order. */
    public List<ColdChainEvent> onTick(Instant now) {
        return onTick(now, site -> true);
    }

    /** Ticks the monitors of the sites {@code sites} accepts (the sites this instance evaluates); events in registration order. */
    public List<ColdChainEvent> onTick(Instant now, Predicate<String> sites) {
        List<ColdChainEvent> ev = new ArrayList<>();
        for (DeviceMonitor m : monitors.values()) {
            if (sites.test(m.profile().site())) {
                ev.addAll(m.onTick(now));
            }
        }
        return List.copyOf(ev);
    }

    /** Snapshots of every monitor, for the store. */
    public List<DeviceMonitorState> snapshot() {
        return monitors.values().stream().map(DeviceMonitor::snapshot).toList();
    }

    private static String key(String site, String device) {
        return site + "\u0000" + device;
    }
}
