package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * The {@link SessionStore}'s view of one client connection. The store calls these on its own
 * context; an implementation over a network connection hands each call to the connection's event
 * loop, in order (so the CONNACK always precedes the messages resent after it).
 */
interface Link {

    /** Sends the CONNACK accepting the connection. */
    void accept(boolean sessionPresent);

    /** Sends one PUBLISH; {@code packetId} is the store's id for QoS 1 and 0 for QoS 0. */
    void send(Outbound message, MqttQoS qos, boolean dup, boolean retain, int packetId);

    /** Closes the connection (a takeover, a revocation); the connection's close is reported back to the store. */
    void close();
}
