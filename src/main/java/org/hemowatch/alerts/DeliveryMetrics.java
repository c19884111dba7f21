package org.hemowatch.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code hemowatch_alert_deliveries_total{channel, outcome}}: outcome delivered, retried or failed. */
public final class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void delivered(String channel) {
        increment(channel, "delivered");
    }

    public void retried(String channel) {
        increment(channel, "retried");
    }

    public void failed(String channel) {
        increment(channel, "failed");
    }

    /** Current count (tests, logs). */
    public double count(String channel, String outcome) {
        Counter c = registry.find(org.hemowatch.metrics.MetricNames.ALERT_DELIVERIES)
                .tags("channel", channel, "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private void increment(String channel, String outcome) {
        Counter.builder(org.hemowatch.metrics.MetricNames.ALERT_DELIVERIES).description("Alert deliveries by channel and outcome")
                .tags("channel", channel, "outcome", outcome).register(registry).increment();
    }
}
