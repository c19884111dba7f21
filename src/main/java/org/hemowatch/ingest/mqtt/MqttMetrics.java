package org.hemowatch.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.hemowatch.metrics.MetricNames;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The MQTT meters (names in {@link MetricNames}); labels are bounded: site, path, reason (a rule). */
public final class MqttMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    /** Per-site counters of the hot path, looked up once (a registry lookup allocates its tags on every call). */
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

    public MqttMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(MetricNames.MQTT_CONNECTIONS, connections);
    }

    void connected() {
        connections.incrementAndGet();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    int connections() {
        return connections.get();
    }

    void connectionRefused(String reason) {
        registry.counter(MetricNames.MQTT_CONNECTIONS_REFUSED, "reason", reason).increment();
    }

    void messageRejected(String reason) {
        registry.counter(MetricNames.MQTT_MESSAGES_REJECTED, "reason", reason).increment();
    }

    void readings(String site, int stored, int duplicates) {
        if (stored > 0) {
            accepted.computeIfAbsent(site, s -> registry.counter(MetricNames.READINGS_ACCEPTED, "site", s, "path", "mqtt")).increment(stored);
        }
        if (duplicates > 0) {
            this.duplicates.computeIfAbsent(site, s -> registry.counter(MetricNames.READINGS_DUPLICATES, "site", s, "path", "mqtt"))
                    .increment(duplicates);
        }
    }

    void readingsRejected(String reason) {
        registry.counter(MetricNames.READINGS_REJECTED, "path", "mqtt", "reason", reason).increment();
    }
}
