package org.hemowatch.coldchain;

import org.hemowatch.domain.coldchain.DeviceMonitor;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.Excursion;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API, the gauges and the unit rules read of the monitors, on any thread: the latest
 * snapshot and the open excursion of each device. The service's context updates it after every
 * engine step ({@link #track}); nothing here changes a monitor.
 */
final class MonitorViews {

    private final DeviceRegistry registry;
    private final ColdChainMetrics metrics;
    private final Map<String, DeviceMonitorState> views = new ConcurrentHashMap<>();
    private final Map<String, Excursion> open = new ConcurrentHashMap<>();

    MonitorViews(DeviceRegistry registry, ColdChainMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** A newly registered (or re-registered) monitor: tracked, with the device's gauges. */
    void watch(DeviceMonitor m) {
        track(m);
        String key = DeviceRegistry.key(m.profile().site(), m.profile().id());
        metrics.device(m.profile(), () -> views.get(key), () -> registry.find(m.profile().site(), m.profile().id()).orElse(m.profile()));
    }

    /** Takes the monitor's current snapshot. Context only. */
    void track(DeviceMonitor m) {
        show(m.snapshot());
    }

    /** Shows a snapshot (this instance's, or the owner's as stored). Context only. */
    void show(DeviceMonitorState s) {
        String key = DeviceRegistry.key(s.site(), s.device());
        views.put(key, s);
        if (s.excursion() != null) {
            open.put(key, s.excursion());
        } else {
            open.remove(key);
        }
    }

    Optional<DeviceMonitorState> state(String site, String device) {
        return Optional.ofNullable(views.get(DeviceRegistry.key(site, device)));
    }

    Optional<Excursion> openExcursion(String site, String device) {
        return device == null ? Optional.empty() : Optional.ofNullable(open.get(DeviceRegistry.key(site, device)));
    }

    /** How many devices have an open excursion. */
    int openCount() {
        return open.size();
    }
}
