package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.MqttPublisher;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import org.hemowatch.auth.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT endpoint (vertx-mqtt {@link MqttServer}): listeners, and the CONNECT path that puts
 * the parts together. It is not a general broker: inbound PUBLISHes go through {@link MqttIngress} and
 * are acknowledged only after their commit ({@link OrderedAcks}); the service's own messages (alerts,
 * errors) go out to subscribers through {@link #publish}.
 * <ol>
 *   <li>{@link ConnectAuthenticator}: CONNECT → principal or refusal;</li>
 *   <li>{@link SessionStore} (on its own context): ownership, limit, takeover, resumption;</li>
 *   <li>{@link EndpointConnection}: the connection's handlers, one {@link InboundMessage} per PUBLISH.</li>
 * </ol>
 */
public final class EmbeddedMqttEndpoint implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttEndpoint.class);
    /** Room above the payload limit for the fixed header, topic and properties of a PUBLISH. */
    private static final int HEADER_ROOM = 2048;

    private final Vertx vertx;
    private final MqttConfig config;
    private final MqttIngress ingress;
    private final MqttMetrics metrics;
    private final ConnectAuthenticator authenticator;
    private final ConfinedSessions sessions;
    private final Refusals refusals;
    private MqttServer plain;
    private MqttServer tls;

    public EmbeddedMqttEndpoint(Vertx vertx, MqttConfig config, MqttIngress ingress, ApiKeys keys, MqttMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.ingress = ingress;
        this.metrics = metrics;
        this.authenticator = new ConnectAuthenticator(keys::authenticate, config.allowAnonymous());
        Context storeContext = vertx.getOrCreateContext();
        this.sessions = new ConfinedSessions(storeContext,
                new SessionStore(config.maxConnections(), config.maxQueuedPerSession(), metrics));
        this.refusals = this::refuse;
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

    /** Closes every connection and forgets every session of the key {@code keyId} (it was revoked). */
    public Future<Integer> revoke(String keyId) {
        return sessions.call(s -> s.revoke(keyId));
    }

    private void connect(MqttEndpoint ep) {
        String password = ep.auth() == null ? null : ep.auth().getPassword();
        String username = ep.auth() == null ? null : ep.auth().getUsername();
        ConnectAuthenticator.Decision d = authenticator.decide(new ConnectAuthenticator.ConnectRequest(
                ep.protocolVersion(), ep.clientIdentifier(), username, password, ep.isCleanSession()));
        if (!d.admitted()) {
            refuse(ep, d.refusal());
            return;
        }
        EndpointConnection conn = new EndpointConnection(ep, vertx.getOrCreateContext(), d.principal(), d.clientId(),
                d.username(), ingress, sessions);
        conn.wire();
        String owner = d.principal().id();
        boolean clean = ep.isCleanSession();
        sessions.run(s -> s.open(d.clientId(), owner, clean, conn).ifPresent(r -> conn.refuse(r, refusals)));
    }

    private void refuse(MqttEndpoint ep, ConnectRefusal r) {
        metrics.connectionRefused(r.reason());
        LOG.info("MQTT connection of client '{}' refused: {}", ep.clientIdentifier(), r.reason());
        ep.reject(r.code(ep.protocolVersion()));
    }

    /** How a connection refused by the store is answered (on the connection's context). */
    @FunctionalInterface
    interface Refusals {
        void refuse(MqttEndpoint ep, ConnectRefusal r);
    }

    // ---- outbound ----

    @Override
    public Future<Void> publish(String topic, Buffer payload, MqttQoS qos, boolean retain) {
        Outbound m = new Outbound(topic, payload, qos);
        return sessions.call(s -> {
            s.publish(m, retain);
            return null;
        });
    }
}
