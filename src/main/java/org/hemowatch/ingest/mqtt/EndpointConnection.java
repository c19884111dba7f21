package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One admitted client connection of the embedded endpoint: the thin handler between vertx-mqtt's
 * {@link MqttEndpoint} and the rest. Inbound PUBLISHes become {@link InboundMessage}s for
 * {@link MqttIngress}, acknowledged through the connection's {@link OrderedAcks}; SUBSCRIBE is checked
 * by {@link MqttAccess}; session state lives in the {@link SessionStore}, which reaches this
 * connection as a {@link Link} — every call from the store is handed to this connection's event loop.
 */
final class EndpointConnection implements Link {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointConnection.class);

    private final MqttEndpoint ep;
    private final Context context;
    private final Principal principal;
    private final String clientId;
    private final String username;
    private final MqttIngress ingress;
    private final ConfinedSessions sessions;
    private final OrderedAcks acks;
    private final Handover handover;
    private boolean accepted;
    private boolean closed;
    private boolean cleanDisconnect;

    EndpointConnection(MqttEndpoint ep, Context context, Principal principal, String clientId, String username,
                       MqttIngress ingress, ConfinedSessions sessions) {
        this.ep = ep;
        this.context = context;
        this.principal = principal;
        this.clientId = clientId;
        this.username = username;
        this.ingress = ingress;
        this.sessions = sessions;
        this.handover = new Handover(context);
        this.acks = new OrderedAcks(() -> {
            LOG.warn("MQTT client {}: a message could not be stored; closing the connection so that it is sent again",
                    LogSafe.escape(clientId));
            ep.close();
        });
    }

    /** Registers the handlers (before the store decides, so nothing the client sends after CONNACK is missed). */
    void wire() {
        FlushConsolidation.install(ep);
        ep.publishAutoAck(false);
        ep.subscriptionAutoAck(false);
        ep.publishHandler(this::inbound);
        // QoS 2: the message was stored before PUBREC; PUBREL only completes the handshake
        ep.publishReleaseHandler(ep::publishComplete);
        ep.subscribeHandler(sub -> subscribe(sub.messageId(), sub.topicSubscriptions()));
        ep.unsubscribeHandler(u -> {
            List<String> topics = u.topics();
            sessions.run(s -> s.unsubscribe(clientId, this, topics));
            ep.unsubscribeAcknowledge(u.messageId());
        });
        ep.publishAcknowledgeHandler(id -> sessions.run(s -> s.acknowledged(clientId, this, id)));
        ep.disconnectHandler(v -> cleanDisconnect = true);
        ep.exceptionHandler(e -> LOG.debug("MQTT client {}: {}", LogSafe.escape(clientId), LogSafe.escape(e.toString())));
        ep.closeHandler(v -> closed());
    }

    private void inbound(MqttPublishMessage msg) {
        MqttQoS qos = msg.qosLevel();
        OrderedAcks.Handle h = null;
        if (qos != MqttQoS.AT_MOST_ONCE) {
            int id = msg.messageId();
            boolean two = qos == MqttQoS.EXACTLY_ONCE;
            h = acks.add(() -> {
                if (!closed) {
                    if (two) {
                        ep.publishReceived(id);
                    } else {
                        ep.publishAcknowledge(id);
                    }
                }
            });
        }
        ingress.handle(new InboundMessage(principal, username, msg.topicName(), qos, msg.payload(), h, handover));
    }

    private void subscribe(int messageId, List<MqttTopicSubscription> subs) {
        List<MqttQoS> granted = new ArrayList<>(subs.size());
        Map<String, MqttQoS> added = new LinkedHashMap<>();
        for (MqttTopicSubscription s : subs) {
            String filter = s.topicName();
            if (!TopicFilter.valid(filter) || !MqttAccess.maySubscribe(principal, username, filter)) {
                LOG.info("MQTT client {} may not subscribe to '{}'", LogSafe.escape(clientId), LogSafe.escape(filter));
                granted.add(MqttQoS.FAILURE);
                continue;
            }
            MqttQoS q = s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            granted.add(q);
            added.put(filter, q);
        }
        ep.subscribeAcknowledge(messageId, granted);
        if (!added.isEmpty()) {
            sessions.run(s -> s.subscribe(clientId, this, added));
        }
    }

    private void closed() {
        closed = true;
        sessions.run(s -> s.closed(clientId, this));
        MqttWill will = ep.will();
        if (accepted && !cleanDisconnect && will != null && will.isWillFlag()) {
            // the last will of a device is its offline status: the same path as a published status
            Buffer payload = will.getWillMessage() != null ? will.getWillMessage() : Buffer.buffer();
            ingress.handle(InboundMessage.unacknowledged(principal, username, will.getWillTopic(),
                    MqttQoS.valueOf(will.getWillQos()), payload, handover));
        }
    }

    // ---- Link: called on the store's context, run on this connection's ----

    @Override
    public void accept(boolean sessionPresent) {
        context.runOnContext(v -> {
            if (!closed) {
                accepted = true;
                ep.accept(sessionPresent);
            }
        });
    }

    @Override
    public void send(Outbound m, MqttQoS qos, boolean dup, boolean retain, int packetId) {
        context.runOnContext(v -> {
            if (closed || !ep.isConnected()) {
                return; // a QoS 1 message stays in flight in the session and is sent again on resumption
            }
            if (qos == MqttQoS.AT_MOST_ONCE) {
                ep.publish(m.topic(), m.payload(), qos, false, retain);
            } else {
                ep.publish(m.topic(), m.payload(), qos, dup, retain, packetId);
            }
        });
    }

    @Override
    public void close() {
        context.runOnContext(v -> {
            if (!closed) {
                ep.close();
            }
        });
    }
}
