package org.hemowatch.coldchain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.metrics.MetricNames;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-device gauges (temperature, one-hot state, last reading age, limits) read at scrape time from
 * the service's current snapshots, and the excursion counter. Labels: site and device (registered
 * devices only, so the label set is bounded), state, bound.
 */
public final class ColdChainMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public ColdChainMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Registers the gauges of a device once; the suppliers give its current state and profile. */
    void device(DeviceProfile p, Supplier<DeviceMonitorState> state, Supplier<DeviceProfile> profile) {
        if (!registered.add(DeviceRegistry.key(p.site(), p.id()))) {
            return;
        }
        Tags tags = Tags.of("site", p.site(), "device", p.id());
        Gauge.builder(MetricNames.DEVICE_TEMPERATURE, () -> value(state, s -> s.lastTempC()))
                .description("Last temperature of the device").baseUnit("celsius").tags(tags).register(registry);
        for (DeviceState ds : DeviceState.values()) {
            Gauge.builder(MetricNames.DEVICE_STATE, () -> {
                        DeviceMonitorState s = state.get();
                        return s != null && s.state() == ds ? 1 : 0;
                    })
                    .description("Device monitor state: 1 for the current state").tags(tags.and("state", ds.name().toLowerCase(Locale.ROOT)))
                    .register(registry);
        }
        Gauge.builder(MetricNames.DEVICE_LAST_READING_AGE, () -> value(state, s -> s.lastReadingAt() == null ? null
                        : (double) Duration.between(s.lastReadingAt(), clock.instant()).toMillis() / 1000.0))
                .description("Seconds since the device's last reading").baseUnit("seconds").tags(tags).register(registry);
        bound(tags, "safe_min", () -> profile.get().safeMin());
        bound(tags, "safe_max", () -> profile.get().safeMax());
        bound(tags, "alarm_low", () -> profile.get().alarmLow());
        bound(tags, "alarm_high", () -> profile.get().alarmHigh());
    }

    private void bound(Tags tags, String bound, Supplier<Double> v) {
        Gauge.builder(MetricNames.DEVICE_LIMIT, () -> {
                    Double d = v.get();
                    return d == null ? Double.NaN : d;
                })
                .description("Safe range and alarm set points of the device").baseUnit("celsius")
                .tags(tags.and("bound", bound)).register(registry);
    }

    void excursionStarted(String site, String device) {
        Counter.builder(MetricNames.EXCURSIONS).description("Temperature excursions started")
                .tags("site", site, "device", device).register(registry).increment();
    }

    /** A failed write of the cold-chain state that will be retried. */
    void writeRetried() {
        Counter.builder(MetricNames.COLDCHAIN_WRITE_RETRIES)
                .description("Failed writes of cold-chain state (snapshots, excursions, quarantines), each retried until it commits")
                .register(registry).increment();
    }

    private static double value(Supplier<DeviceMonitorState> state, Function<DeviceMonitorState, Double> f) {
        DeviceMonitorState s = state.get();
        Double d = s == null ? null : f.apply(s);
        return d == null ? Double.NaN : d;
    }
}
