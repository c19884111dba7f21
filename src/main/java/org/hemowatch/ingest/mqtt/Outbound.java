package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

/** A message the service sends to subscribers of the embedded endpoint; QoS 0 or 1 (2 is sent as 1). */
record Outbound(String topic, Buffer payload, MqttQoS qos) {

    Outbound {
        qos = qos == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : qos;
    }

    static MqttQoS min(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }
}
