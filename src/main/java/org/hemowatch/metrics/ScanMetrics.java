package org.hemowatch.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters of accepted and rejected scans; {@code reason} is the failed rule name (a fixed set). */
public final class ScanMetrics {

    private final MeterRegistry registry;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String site, String path, String action) {
        registry.counter(MetricNames.SCANS_ACCEPTED, "site", site, "path", path, "action", action).increment();
    }

    public void rejected(String site, String path, String reason) {
        registry.counter(MetricNames.SCANS_REJECTED, "site", site, "path", path, "reason", reason).increment();
    }
}
