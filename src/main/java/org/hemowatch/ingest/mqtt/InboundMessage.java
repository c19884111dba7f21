package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.auth.Principal;

/**
 * The per-message context both MQTT modes hand to {@link MqttIngress#handle}: who sent it (the
 * principal authenticated at CONNECT, or {@link MqttAccess#BROKER}), under which user name / client
 * id, the topic, the QoS, the payload, and its place in the connection's {@link OrderedAcks}.
 */
public final class InboundMessage {

    private static final OrderedAcks.Handle NO_ACK = ok -> { };

    private final Principal principal;
    private final String username;
    private final String topic;
    private final MqttQoS qos;
    private final Buffer payload;
    private final OrderedAcks.Handle ack;
    private final Handover handover;

    InboundMessage(Principal principal, String username, String topic, MqttQoS qos, Buffer payload, OrderedAcks.Handle ack,
                   Handover handover) {
        this.principal = principal;
        this.username = username;
        this.topic = topic;
        this.qos = qos;
        this.payload = payload;
        this.ack = ack == null ? NO_ACK : ack;
        this.handover = handover;
    }

    /** A message that is acknowledged by nobody (QoS 0, a last will). */
    static InboundMessage unacknowledged(Principal principal, String username, String topic, MqttQoS qos, Buffer payload,
                                         Handover handover) {
        return new InboundMessage(principal, username, topic, qos, payload, NO_ACK, handover);
    }

    public Principal principal() {
        return principal;
    }

    public String username() {
        return username;
    }

    public String topic() {
        return topic;
    }

    public MqttQoS qos() {
        return qos;
    }

    public Buffer payload() {
        return payload;
    }

    /** The way back onto the receiving connection's context. */
    Handover handover() {
        return handover;
    }

    /** Committed or refused with a rule: acknowledge it in turn. */
    void ack() {
        ack.settle(true);
    }

    /** The store could not commit it: never acknowledge it (see {@link OrderedAcks}). */
    void storeFailed() {
        ack.settle(false);
    }
}
