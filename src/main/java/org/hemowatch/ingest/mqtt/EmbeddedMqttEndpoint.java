package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.MqttPublisher;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded MQTT endpoint (vertx-mqtt {@link MqttServer}). It is not a general broker: inbound
 * PUBLISHes go through {@link MqttIngress} and are acknowledged only after their commit; the service's
 * own messages (alerts, errors) go out to subscribers through {@link #publish}. Subscribers get QoS 1
 * at most; persistent sessions ({@code cleanSession=false}) keep subscriptions, queue QoS 1 messages
 * while offline (bounded, oldest dropped) and get unacknowledged ones again on reconnect.
 */
public final class EmbeddedMqttEndpoint implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttEndpoint.class);
    /** Room above the payload limit for the fixed header, topic and properties of a PUBLISH. */
    private static final int HEADER_ROOM = 2048;

    private final Vertx vertx;
    private final MqttConfig config;
    private final MqttIngress ingress;
    private final ApiKeys keys;
    private final MqttMetrics metrics;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Message> retained = new ConcurrentHashMap<>();
    private MqttServer plain;
    private MqttServer tls;

    public EmbeddedMqttEndpoint(Vertx vertx, MqttConfig config, MqttIngress ingress, ApiKeys keys, MqttMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.ingress = ingress;
        this.keys = keys;
        this.metrics = metrics;
    }

    private record Message(String topic, Buffer payload, MqttQoS qos) {
    }

    /** One client's session; guarded by its own monitor. */
    private static final class Session {
        final String clientId;
        final boolean clean;
        final Map<String, MqttQoS> subscriptions = new LinkedHashMap<>();
        final ArrayDeque<Message> queue = new ArrayDeque<>();
        final Map<Integer, Message> inflight = new LinkedHashMap<>();
        MqttEndpoint endpoint;
        Context context;

        Session(String clientId, boolean clean) {
            this.clientId = clientId;
            this.clean = clean;
        }
    }

    /** Binds the plain listener (and the TLS one when a certificate is configured). */
    public Future<Void> start() {
        plain = MqttServer.create(vertx, options(config.port()));
        plain.endpointHandler(this::connect).exceptionHandler(e -> LOG.debug("MQTT connection error", e));
        Future<?> started = plain.listen();
        if (config.tls()) {
            MqttServerOptions o = options(config.tlsPort()).setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.certPath()).setKeyPath(config.keyPath()));
            tls = MqttServer.create(vertx, o);
            tls.endpointHandler(this::connect).exceptionHandler(e -> LOG.debug("MQTT TLS connection error", e));
            started = started.compose(s -> tls.listen());
        }
        return started.onSuccess(s -> LOG.info("MQTT endpoint listening on {}:{}{}", config.host(), port(),
                tls != null ? " and TLS on " + tls.actualPort() : "")).mapEmpty();
    }

    private MqttServerOptions options(int port) {
        MqttServerOptions o = new MqttServerOptions().setHost(config.host()).setPort(port);
        o.setMaxMessageSize(config.maxMessageBytes() + HEADER_ROOM);
        return o;
    }

    /** The plain listener's bound port. */
    public int port() {
        return plain.actualPort();
    }

    /** The TLS listener's bound port, or -1. */
    public int tlsPort() {
        return tls != null ? tls.actualPort() : -1;
    }

    public Future<Void> close() {
        Future<Void> a = plain != null ? plain.close() : Future.succeededFuture();
        Future<Void> b = tls != null ? tls.close() : Future.succeededFuture();
        return Future.join(a, b).mapEmpty();
    }

    // ---- inbound ----

    private void connect(MqttEndpoint ep) {
        boolean v5 = ep.protocolVersion() == 5;
        // a client taking over its own (perhaps half-open) connection does not add one: it must not be locked out
        if (metrics.connections() >= config.maxConnections() && !hasConnection(ep.clientIdentifier())) {
            refuse(ep, v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "limit");
            return;
        }
        Optional<Principal> principal = authenticate(ep);
        if (principal.isEmpty()) {
            boolean anonymous = ep.auth() == null || ep.auth().getPassword() == null;
            refuse(ep, anonymous ? (v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED)
                    : (v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD),
                    anonymous ? "anonymous" : "bad-credentials");
            return;
        }
        Principal p = principal.get();
        if (!p.hasAnyRole(Role.DEVICE, Role.STATION, Role.ADMIN)) {
            refuse(ep, v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "not-authorized");
            return;
        }
        String clientId = ep.clientIdentifier() == null || ep.clientIdentifier().isEmpty()
                ? "auto-" + UUID.randomUUID() : ep.clientIdentifier();
        String username = ep.auth() != null && ep.auth().getUsername() != null ? ep.auth().getUsername() : clientId;
        Context ctx = vertx.getOrCreateContext();

        Session session;
        boolean present;
        synchronized (sessions) {
            Session old = sessions.get(clientId);
            if (old != null) {
                takeOver(old);
            }
            present = old != null && !ep.isCleanSession() && !old.clean;
            session = present ? old : new Session(clientId, ep.isCleanSession());
            sessions.put(clientId, session);
        }

        boolean[] cleanDisconnect = {false};
        MqttWill will = ep.will();
        OrderedAcks acks = new OrderedAcks();
        ep.publishAutoAck(false);
        ep.subscriptionAutoAck(false);
        ep.publishHandler(msg -> {
            MqttQoS qos = msg.qosLevel();
            int id = msg.messageId();
            OrderedAcks.Handle h = qos == MqttQoS.AT_MOST_ONCE ? null : acks.add(() -> {
                if (qos == MqttQoS.EXACTLY_ONCE) {
                    ep.publishReceived(id);
                } else {
                    ep.publishAcknowledge(id);
                }
            });
            ingress.route(p, username, msg.topicName(), msg.payload()).onComplete(ar -> {
                if (h != null) {
                    h.resolve(ar.succeeded() && ep.isConnected());
                }
            });
        });
        // QoS 2: the message was stored before PUBREC; PUBREL only completes the handshake
        ep.publishReleaseHandler(ep::publishComplete);
        ep.subscribeHandler(sub -> subscribe(session, ep, p, username, sub.messageId(), sub.topicSubscriptions()));
        ep.unsubscribeHandler(u -> {
            synchronized (session) {
                u.topics().forEach(session.subscriptions::remove);
            }
            ep.unsubscribeAcknowledge(u.messageId());
        });
        ep.publishAcknowledgeHandler(id -> {
            synchronized (session) {
                session.inflight.remove(id);
            }
        });
        ep.disconnectHandler(v -> cleanDisconnect[0] = true);
        ep.exceptionHandler(e -> LOG.debug("MQTT client {}: {}", clientId, e.toString()));
        ep.closeHandler(v -> {
            metrics.disconnected();
            synchronized (sessions) {
                synchronized (session) {
                    if (session.endpoint == ep) {
                        session.endpoint = null;
                        session.context = null;
                        if (session.clean) {
                            sessions.remove(clientId, session);
                        }
                    }
                }
            }
            if (!cleanDisconnect[0] && will != null && will.isWillFlag()) {
                // the last will of a device is its offline status: the same path as a published status
                ingress.route(p, username, will.getWillTopic(), will.getWillMessage() != null ? will.getWillMessage() : Buffer.buffer());
            }
        });

        synchronized (session) {
            session.endpoint = ep;
            session.context = ctx;
        }
        ep.accept(present);
        metrics.connected();
        if (present) {
            resend(session, ep);
        }
    }

    private boolean hasConnection(String clientId) {
        Session s = clientId == null || clientId.isEmpty() ? null : sessions.get(clientId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.endpoint != null;
        }
    }

    private Optional<Principal> authenticate(MqttEndpoint ep) {
        if (ep.auth() == null || ep.auth().getPassword() == null) {
            return config.allowAnonymous() ? Optional.of(MqttAccess.ANONYMOUS) : Optional.empty();
        }
        return keys.authenticate(ep.auth().getPassword());
    }

    private void refuse(MqttEndpoint ep, MqttConnectReturnCode code, String reason) {
        metrics.connectionRefused(reason);
        LOG.info("MQTT connection of client '{}' refused: {}", ep.clientIdentifier(), reason);
        ep.reject(code);
    }

    /** A second connection with the same client id closes the first (MQTT 3.1.1 §3.1.4). */
    private static void takeOver(Session old) {
        MqttEndpoint ep;
        Context ctx;
        synchronized (old) {
            ep = old.endpoint;
            ctx = old.context;
            old.endpoint = null;
            old.context = null;
        }
        if (ep != null) {
            ctx.runOnContext(v -> ep.close());
        }
    }

    private void subscribe(Session session, MqttEndpoint ep, Principal p, String username, int messageId, List<MqttTopicSubscription> subs) {
        List<MqttQoS> granted = new ArrayList<>(subs.size());
        List<String> added = new ArrayList<>();
        for (MqttTopicSubscription s : subs) {
            String filter = s.topicName();
            if (!TopicFilter.valid(filter) || !MqttAccess.maySubscribe(p, username, filter)) {
                LOG.info("MQTT client {} may not subscribe to '{}'", session.clientId, filter);
                granted.add(MqttQoS.FAILURE);
                continue;
            }
            MqttQoS q = s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            synchronized (session) {
                session.subscriptions.put(filter, q);
            }
            granted.add(q);
            added.add(filter);
        }
        ep.subscribeAcknowledge(messageId, granted);
        // retained state goes to each new subscription (flagged retain, as the spec says)
        for (Message m : retained.values()) {
            for (String f : added) {
                if (TopicFilter.matches(f, m.topic())) {
                    MqttQoS q;
                    synchronized (session) {
                        q = min(m.qos(), session.subscriptions.getOrDefault(f, MqttQoS.AT_MOST_ONCE));
                    }
                    send(session, ep, m, q, false, true);
                    break;
                }
            }
        }
    }

    private void resend(Session s, MqttEndpoint ep) {
        List<Message> again;
        List<Message> queued;
        synchronized (s) {
            again = new ArrayList<>(s.inflight.values());
            s.inflight.clear();
            queued = new ArrayList<>(s.queue);
            s.queue.clear();
        }
        again.forEach(m -> send(s, ep, m, MqttQoS.AT_LEAST_ONCE, true, false));
        queued.forEach(m -> send(s, ep, m, MqttQoS.AT_LEAST_ONCE, false, false));
    }

    // ---- outbound ----

    @Override
    public Future<Void> publish(String topic, Buffer payload, MqttQoS qos, boolean retain) {
        Message m = new Message(topic, payload, qos == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : qos);
        if (retain) {
            if (payload.length() == 0) {
                retained.remove(topic);
            } else {
                retained.put(topic, m);
            }
        }
        List<Future<Void>> sent = new ArrayList<>();
        for (Session s : sessions.values()) {
            MqttQoS q = null;
            MqttEndpoint ep;
            Context ctx;
            synchronized (s) {
                for (Map.Entry<String, MqttQoS> e : s.subscriptions.entrySet()) {
                    if (TopicFilter.matches(e.getKey(), topic)) {
                        q = q == null ? e.getValue() : max(q, e.getValue());
                    }
                }
                if (q == null) {
                    continue;
                }
                q = min(q, m.qos());
                ep = s.endpoint;
                ctx = s.context;
                if (ep == null) {
                    enqueue(s, m, q);
                    continue;
                }
            }
            MqttQoS fq = q;
            Promise<Void> p = Promise.promise();
            ctx.runOnContext(v -> send(s, ep, m, fq, false, false).onComplete(p));
            sent.add(p.future());
        }
        return Future.join(sent).mapEmpty();
    }

    private Future<Void> send(Session s, MqttEndpoint ep, Message m, MqttQoS qos, boolean dup, boolean retainFlag) {
        if (!ep.isConnected()) {
            // the connection is closing but its close handler has not run yet: keep it for the session
            synchronized (s) {
                enqueue(s, m, qos);
            }
            return Future.succeededFuture();
        }
        return ep.publish(m.topic(), m.payload(), qos, dup, retainFlag)
                .onSuccess(id -> {
                    if (qos == MqttQoS.AT_LEAST_ONCE) {
                        synchronized (s) {
                            s.inflight.put(id, m);
                        }
                    }
                })
                .mapEmpty();
    }

    /** Queues a QoS 1 message for an offline persistent session, dropping the oldest beyond the bound. Caller holds the session's monitor. */
    private void enqueue(Session s, Message m, MqttQoS q) {
        if (q != MqttQoS.AT_LEAST_ONCE || s.clean || config.maxQueuedPerSession() == 0) {
            return;
        }
        if (s.queue.size() >= config.maxQueuedPerSession()) {
            s.queue.pollFirst();
        }
        s.queue.addLast(m);
    }

    private static MqttQoS min(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }

    private static MqttQoS max(MqttQoS a, MqttQoS b) {
        return a.value() >= b.value() ? a : b;
    }
}
