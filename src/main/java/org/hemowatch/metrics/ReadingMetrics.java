package org.hemowatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Counters of temperature readings, shared by every ingestion path (MQTT, serial) so that they
 * count the same way: stored, acknowledged duplicates, and refused with the rule that refused them
 * ({@code reason} is a fixed set of rule names; {@code path} the transport).
 */
public final class ReadingMetrics {

    private final MeterRegistry registry;
    /** Hot-path counters by path, then site, looked up once: a registry lookup builds its tags on every call. */
    private final Map<String, Map<String, Counter>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> duplicates = new ConcurrentHashMap<>();

    public ReadingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String site, String path, int count) {
        counter(accepted, path, site, () -> Counter.builder(MetricNames.READINGS_ACCEPTED)
                .description("Temperature readings stored, by site and path")
                .tags("site", site, "path", path).register(registry)).increment(count);
    }

    public void duplicates(String site, String path, int count) {
        counter(duplicates, path, site, () -> Counter.builder(MetricNames.READINGS_DUPLICATES)
                .description("Readings acknowledged but not stored again (same device and seq)")
                .tags("site", site, "path", path).register(registry)).increment(count);
    }

    /** The kept counter of (path, site): two map reads, no key built per call. */
    private static Counter counter(Map<String, Map<String, Counter>> byPath, String path, String site, Supplier<Counter> create) {
        Map<String, Counter> bySite = byPath.get(path);
        if (bySite == null) {
            bySite = byPath.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
        }
        Counter c = bySite.get(site);
        return c != null ? c : bySite.computeIfAbsent(site, k -> create.get());
    }

    public void rejected(String path, String reason) {
        Counter.builder(MetricNames.READINGS_REJECTED).description("Temperature readings refused, by path and reason")
                .tags("path", path, "reason", reason).register(registry).increment();
    }
}
