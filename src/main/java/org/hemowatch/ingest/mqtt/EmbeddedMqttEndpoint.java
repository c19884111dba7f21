package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.MqttPublisher;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.domain.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * The embedded MQTT endpoint (vertx-mqtt {@link MqttServer}): listeners, and the CONNECT path that puts
 * the parts together. It is not a general broker: inbound PUBLISHes go through {@link MqttIngress} and
 * are acknowledged only after their commit ({@link OrderedAcks}); the service's own messages (alerts,
 * errors) go out to subscribers through {@link #publish}.
 * <ol>
 *   <li>{@link ConnectAuthenticator}: CONNECT → principal or refusal;</li>
 *   <li>on the store's context: {@link ConnectThrottle} (failed CONNECTs per source address and key id),
 *       then the {@link SessionStore}: ownership, limit, takeover, resumption;</li>
 *   <li>{@link EndpointConnection}: the connection's handlers, one {@link InboundMessage} per PUBLISH.</li>
 * </ol>
 * A revoked key's connections and sessions are closed as soon as the revocation committed
 * ({@link ApiKeys#revocations()}). Client-supplied ids are escaped in logs ({@link LogSafe}); refusals
 * while throttled and server-level protocol errors are logged at debug only, and counted.
 */
public final class EmbeddedMqttEndpoint implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttEndpoint.class);
    /** Room above the payload limit for the fixed header, topic and properties of a PUBLISH. */
    private static final int HEADER_ROOM = 2048;

    private final Vertx vertx;
    private final MqttMode.Embedded config;
    private final MqttIngress ingress;
    private final MqttMetrics metrics;
    private final ApiKeys keys;
    private final Clock clock;
    private final ConnectAuthenticator authenticator;
    private final ConfinedSessions sessions;
    /** Confined to the store's context, like the sessions. */
    private final ConnectThrottle throttle;
    private Runnable unsubscribeRevocations = () -> { };
    /** One of the plain listeners (they share one port). */
    private volatile MqttServer plain;
    private MqttServer tls;
    /** The deployment of the listeners on further event loops, or null. */
    private volatile String listeners;

    public EmbeddedMqttEndpoint(Vertx vertx, MqttMode.Embedded config, MqttIngress ingress, ApiKeys keys, MqttMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.ingress = ingress;
        this.metrics = metrics;
        this.keys = keys;
        this.clock = clock;
        this.throttle = ConnectThrottle.after(config.connectFreeFailures());
        this.authenticator = new ConnectAuthenticator(keys::authenticate, config.allowAnonymous());
        Context storeContext = vertx.getOrCreateContext();
        this.sessions = new ConfinedSessions(storeContext,
                new SessionStore(config.maxConnections(), config.maxQueuedPerSession(), metrics));
    }

    /** Binds the plain listener (and the TLS one when a certificate is configured). */
    public Future<Void> start() {
        unsubscribeRevocations = keys.revocations().subscribe(id -> revoke(id)
                .onSuccess(n -> LOG.info("key {} revoked: {} MQTT session(s) closed", id, n)));
        Future<?> started = onEveryEventLoop(config.port());
        if (config.tls()) {
            MqttServerOptions o = options(config.tlsPort()).setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.certPath()).setKeyPath(config.keyPath()));
            tls = MqttServer.create(vertx, o);
            tls.endpointHandler(this::connect).exceptionHandler(this::protocolError);
            started = started.compose(s -> tls.listen());
        }
        return started.onSuccess(s -> LOG.info("MQTT endpoint listening on {}:{}{}", config.host(), port(),
                tls != null ? " and TLS on " + tls.actualPort() : "")).mapEmpty();
    }

    /**
     * One plain listener per core, each deployed on an event loop of its own: Vert.x shares the port
     * (an ephemeral one too, within one deployment) and spreads new connections over the listeners, so
     * connections are decoded, authorised and acknowledged on all cores. Each connection keeps to its
     * own event loop; what they share (sessions, ingest, the writer) is confined or thread-safe.
     */
    private Future<?> onEveryEventLoop(int port) {
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                MqttServer server = MqttServer.create(vertx, options(port)).endpointHandler(EmbeddedMqttEndpoint.this::connect)
                        .exceptionHandler(EmbeddedMqttEndpoint.this::protocolError);
                return server.listen().onSuccess(s -> plain = s);
            }
        }, new DeploymentOptions().setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()))).onSuccess(id -> listeners = id);
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
        unsubscribeRevocations.run();
        Future<Void> a = listeners != null ? vertx.undeploy(listeners) : Future.succeededFuture();
        Future<Void> b = tls != null ? tls.close() : Future.succeededFuture();
        return Future.join(a, b).mapEmpty();
    }

    /** Closes every connection and forgets every session of the key {@code keyId} (it was revoked). */
    public Future<Integer> revoke(String keyId) {
        return sessions.call(s -> {
            int n = s.revoke(keyId);
            metrics.sessionsRevoked(n);
            return n;
        });
    }

    /** Errors the server reports outside an accepted connection, from anyone: counted, and logged at debug only (no log flooding by strangers). */
    private void protocolError(Throwable e) {
        metrics.protocolError();
        LOG.debug("MQTT protocol error: {}", LogSafe.escape(String.valueOf(e.getMessage())));
    }

    private void connect(MqttEndpoint ep) {
        Context context = vertx.getOrCreateContext();
        String address = ep.remoteAddress() == null ? "unknown" : ep.remoteAddress().hostAddress();
        String password = ep.auth() == null ? null : ep.auth().getPassword();
        String username = ep.auth() == null ? null : ep.auth().getUsername();
        ConnectAuthenticator.Decision d = authenticator.decide(new ConnectAuthenticator.ConnectRequest(
                ep.protocolVersion(), ep.clientIdentifier(), username, password, ep.isCleanSession()));
        // the key a failed attempt was for: a recognised key, or a revoked one being retried
        String keyId = d.principal() != null && d.principal() != MqttAccess.ANONYMOUS ? d.principal().id()
                : keys.revokedIdOf(password).orElse(null);
        EndpointConnection conn = null;
        if (d.admitted()) {
            conn = new EndpointConnection(ep, context, d.principal(), d.clientId(), d.username(), ingress, sessions);
            conn.wire();
        }
        EndpointConnection admitted = conn;
        boolean clean = ep.isCleanSession();
        sessions.run(s -> {
            Instant now = clock.instant();
            ConnectRefusal r;
            if (!throttle.allowed(address, keyId, now)) {
                r = ConnectRefusal.THROTTLED;
            } else if (!d.admitted()) {
                r = d.refusal();
            } else {
                r = s.open(d.clientId(), d.principal().id(), clean, admitted).orElse(null);
            }
            if (r == null) {
                throttle.succeeded(address, keyId);
                return;
            }
            if (r.failedAuthentication() || r == ConnectRefusal.SESSION_OWNED) {
                throttle.failed(address, keyId, now);
            }
            context.runOnContext(v -> refuse(ep, r));
        });
    }

    private void refuse(MqttEndpoint ep, ConnectRefusal r) {
        metrics.connectionRefused(r.reason());
        if (r == ConnectRefusal.THROTTLED) {
            LOG.debug("MQTT connection of client '{}' from {} refused: {}", LogSafe.escape(ep.clientIdentifier()), ep.remoteAddress(), r.reason());
        } else {
            LOG.info("MQTT connection of client '{}' from {} refused: {}", LogSafe.escape(ep.clientIdentifier()), ep.remoteAddress(), r.reason());
        }
        ep.reject(r.code(ep.protocolVersion()));
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
