package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.ArrayList;
import java.util.List;

/** A {@link Link} that records what the store did to it (for tests of the store's logic only). */
final class RecordingLink implements Link {

    record Sent(String topic, String payload, MqttQoS qos, boolean dup, boolean retain, int packetId) {
    }

    final List<Sent> sent = new ArrayList<>();
    Boolean accepted; // null = no CONNACK, else its session-present flag
    boolean closed;

    @Override
    public void accept(boolean sessionPresent) {
        accepted = sessionPresent;
    }

    @Override
    public void send(Outbound m, MqttQoS qos, boolean dup, boolean retain, int packetId) {
        sent.add(new Sent(m.topic(), m.payload().toString(), qos, dup, retain, packetId));
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> payloads() {
        return sent.stream().map(Sent::payload).toList();
    }
}
