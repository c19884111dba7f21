package org.hemowatch.publish;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The outbound MQTT path, the same for both modes: to the subscribers of the embedded endpoint,
 * or to the external broker. Alert delivery and device error topics publish through it.
 */
public interface MqttPublisher {

    /** MQTT is off ({@code mqtt.enabled: false}): nothing is published and every publish succeeds at once. */
    MqttPublisher NONE = (topic, payload, qos, retain) -> Future.succeededFuture();

    /**
     * Publishes one message. With {@code retain}, the topic keeps it as its current state; an
     * empty retained payload clears that state. The future completes once the message was handed
     * to every current subscriber (embedded) or acknowledged by the broker for QoS 1 (external).
     */
    Future<Void> publish(String topic, Buffer payload, MqttQoS qos, boolean retain);
}
