package org.hemowatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of accepted and rejected scans; {@code reason} is the failed rule name (a fixed set). */
public final class ScanMetrics {

    private final MeterRegistry registry;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String site, String path, String action) {
        Counter.builder(MetricNames.SCANS_ACCEPTED).description("Scans accepted and committed, by site, path and action")
                .tags("site", site, "path", path, "action", action).register(registry).increment();
    }

    public void rejected(String site, String path, String reason) {
        Counter.builder(MetricNames.SCANS_REJECTED).description("Scans rejected, by site, path and the rule that failed")
                .tags("site", site, "path", path, "reason", reason).register(registry).increment();
    }
}
