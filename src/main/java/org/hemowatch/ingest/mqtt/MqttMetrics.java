package org.hemowatch.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.metrics.ReadingMetrics;

import java.util.concurrent.atomic.AtomicInteger;

/** The MQTT meters (names in {@link MetricNames}); labels are bounded: site, path, reason (a rule). */
public final class MqttMetrics {

    private final MeterRegistry registry;
    private final ReadingMetrics readings;
    private final AtomicInteger connections = new AtomicInteger();

    public MqttMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.readings = new ReadingMetrics(registry);
        Gauge.builder(MetricNames.MQTT_CONNECTIONS, connections, AtomicInteger::get)
                .description("Client connections open on the embedded MQTT endpoint").register(registry);
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
        Counter.builder(MetricNames.MQTT_CONNECTIONS_REFUSED).description("MQTT connections refused, by reason")
                .tags("reason", reason).register(registry).increment();
    }

    void protocolError() {
        Counter.builder(MetricNames.MQTT_PROTOCOL_ERRORS).description("Errors the MQTT server reported outside an accepted connection")
                .register(registry).increment();
    }

    void sessionsRevoked(int n) {
        Counter.builder(MetricNames.MQTT_SESSIONS_REVOKED).description("MQTT sessions closed because their key was revoked")
                .register(registry).increment(n);
    }

    void messageRejected(String reason) {
        Counter.builder(MetricNames.MQTT_MESSAGES_REJECTED).description("MQTT messages refused, by reason")
                .tags("reason", reason).register(registry).increment();
    }

    void readings(String site, int stored, int duplicates) {
        if (stored > 0) {
            readings.accepted(site, "mqtt", stored);
        }
        if (duplicates > 0) {
            readings.duplicates(site, "mqtt", duplicates);
        }
    }

    void readingsRejected(String reason) {
        readings.rejected("mqtt", reason);
    }
}
