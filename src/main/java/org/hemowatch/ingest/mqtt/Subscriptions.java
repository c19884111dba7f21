package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic filters of one session with their granted QoS, and the routing decision for one topic:
 * the highest QoS among the matching filters (MQTT 3.1.1 §3.3.5: one copy per matching client).
 * Not thread-safe: owned by the {@link SessionStore}.
 */
final class Subscriptions {

    private final Map<String, MqttQoS> filters = new LinkedHashMap<>();

    void add(String filter, MqttQoS qos) {
        filters.put(filter, qos);
    }

    void remove(Collection<String> removed) {
        removed.forEach(filters::remove);
    }

    /** The QoS the session receives {@code topic} with, or null when no filter matches. */
    MqttQoS qosFor(String topic) {
        MqttQoS q = null;
        for (Map.Entry<String, MqttQoS> e : filters.entrySet()) {
            if (TopicFilter.matches(e.getKey(), topic) && (q == null || e.getValue().value() > q.value())) {
                q = e.getValue();
            }
        }
        return q;
    }

    MqttQoS granted(String filter) {
        return filters.getOrDefault(filter, MqttQoS.AT_MOST_ONCE);
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }
}
