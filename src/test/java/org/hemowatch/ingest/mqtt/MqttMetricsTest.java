package org.hemowatch.ingest.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hemowatch.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MqttMetricsTest {

    @Test
    void readingCountersAddUpPerSiteAcrossCalls() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MqttMetrics metrics = new MqttMetrics(registry);

        metrics.readings("north", 3, 0);
        metrics.readings("north", 2, 1);
        metrics.readings("south", 0, 4);

        assertThat(count(registry, MetricNames.READINGS_ACCEPTED, "north")).isEqualTo(5.0);
        assertThat(count(registry, MetricNames.READINGS_DUPLICATES, "north")).isEqualTo(1.0);
        assertThat(count(registry, MetricNames.READINGS_DUPLICATES, "south")).isEqualTo(4.0);
        assertThat(registry.find(MetricNames.READINGS_ACCEPTED).tag("site", "south").counter()).isNull();
    }

    private static double count(SimpleMeterRegistry r, String name, String site) {
        return r.get(name).tag("site", site).tag("path", "mqtt").counter().count();
    }
}
