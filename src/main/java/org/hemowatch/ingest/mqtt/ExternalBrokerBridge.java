package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.hemowatch.domain.Backoff;
import org.hemowatch.publish.MqttPublisher;
import org.hemowatch.publish.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * External broker mode: one persistent session ({@code cleanSession=false}, fixed client id) at the
 * broker, QoS 1 subscriptions to readings, scans and status of every site (optionally as a shared
 * subscription {@code $share/<group>/...}), and manual PUBACK only after the message's commit, in
 * arrival order, by the same {@link OrderedAcks} policy as the embedded endpoint: if the store fails,
 * the message stays unacknowledged and the session's connection is dropped and re-opened, so the
 * broker delivers it again. Reconnects with exponential backoff (the domain {@link Backoff}). Alerts and errors are published
 * to the same broker.
 */
public final class ExternalBrokerBridge implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalBrokerBridge.class);

    private final Vertx vertx;
    private final MqttMode.ExternalBroker config;
    private final MqttIngress ingress;
    private final MqttConfig.BrokerAddress address;
    /**
     * The one context the client lives on: connects, retries, publishes and PUBACK handling all run
     * here, so a PUBACK can never be handled before its publish was registered as unconfirmed.
     */
    private final Context context;
    private final Handover handover;
    private final Map<Integer, Promise<Void>> unconfirmed = new HashMap<>();
    private MqttClient client;
    private volatile boolean closing;
    private volatile boolean subscribed;
    /** Reconnect delays: 250 ms doubling to {@code maxReconnectSeconds}, never giving up; one log line per change of state. */
    private final ReconnectPolicy reconnect;
    private boolean retryScheduled;

    public ExternalBrokerBridge(Vertx vertx, MqttMode.ExternalBroker config, MqttIngress ingress) {
        this.vertx = vertx;
        this.config = config;
        this.ingress = ingress;
        this.address = config.address();
        this.context = vertx.getOrCreateContext();
        this.handover = new Handover(context);
        Duration ceiling = Duration.ofSeconds(config.maxReconnectSeconds());
        this.reconnect = new ReconnectPolicy(Backoff.unbounded(Duration.ofMillis(250), ceiling), ceiling);
    }

    /** Starts connecting; completes at the first successful subscription, or fails if the first attempt fails (retries go on). */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        context.runOnContext(v -> connect(first));
        return first.future();
    }

    /** True while connected and subscribed. */
    public boolean connected() {
        return subscribed && client != null && client.isConnected();
    }

    private void connect(Promise<Void> first) {
        retryScheduled = false;
        if (closing) {
            return;
        }
        MqttClientOptions o = new MqttClientOptions()
                .setClientId(config.clientId())
                .setCleanSession(false)
                .setKeepAliveInterval(30)
                .setMaxMessageSize(config.maxMessageBytes() + 2048)
                .setMaxInflightQueue(65535)
                .setSsl(address.ssl());
        o.setAutoAck(false);
        if (config.username() != null) {
            o.setUsername(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password());
        }
        MqttClient c = MqttClient.create(vertx, o);
        client = c;
        OrderedAcks acks = new OrderedAcks(() -> {
            // no negative ack in MQTT 3.1.1: drop the session's connection so the broker redelivers
            LOG.warn("a message from MQTT broker {} could not be stored; reconnecting so that it is delivered again", config.url());
            if (c.isConnected()) {
                c.disconnect();
            }
        });
        c.publishHandler(m -> inbound(c, acks, m));
        c.publishCompletionHandler(id -> {
            Promise<Void> p = unconfirmed.remove(id);
            if (p != null) {
                p.tryComplete();
            }
        });
        c.closeHandler(v -> {
            subscribed = false;
            // packet ids start again on the next connection: what was not confirmed on this one never will be
            unconfirmed.values().forEach(p -> p.tryFail("connection to MQTT broker " + config.url() + " lost before PUBACK"));
            unconfirmed.clear();
            if (!closing && c == client) { // a late close of an earlier attempt's client is no new failure
                retry("connection lost");
            }
        });
        c.connect(address.port(), address.host())
                .compose(ack -> {
                    Map<String, Integer> subs = new LinkedHashMap<>();
                    for (String f : Topics.INBOUND_FILTERS) {
                        subs.put(config.sharedGroup() != null ? "$share/" + config.sharedGroup() + "/" + f : f, 1);
                    }
                    return c.subscribe(subs);
                })
                .onSuccess(id -> {
                    subscribed = true;
                    long now = System.currentTimeMillis();
                    Duration down = reconnect.downFor(now);
                    if (reconnect.connected(now)) {
                        LOG.info("subscribed at MQTT broker {} as '{}'{}", config.url(), config.clientId(),
                                down.isZero() ? "" : " after " + down.toSeconds() + " s unreachable");
                    }
                    if (first != null) {
                        first.tryComplete();
                    }
                })
                .onFailure(e -> {
                    if (c.isConnected()) {
                        c.disconnect();
                    }
                    if (first != null) {
                        first.tryFail(e);
                    }
                    retry("cannot connect: " + e.getMessage());
                });
    }

    /** One retry per failure, however it was reported (a failed subscribe also closes the connection). */
    private void retry(String why) {
        if (retryScheduled || closing) {
            return;
        }
        retryScheduled = true;
        ReconnectPolicy.Retry r = reconnect.failed(System.currentTimeMillis());
        if (r.wentDown()) {
            LOG.warn("MQTT broker {}: {}; reconnecting with backoff (up to {} s between attempts), logged again when connected",
                    config.url(), why, config.maxReconnectSeconds());
        } else {
            LOG.debug("MQTT broker {}: attempt {} failed ({}); next in {} ms", config.url(), r.failedInARow(), why, r.delay().toMillis());
        }
        vertx.setTimer(r.delay().toMillis(), t -> connect(null));
    }

    private void inbound(MqttClient c, OrderedAcks acks, MqttPublishMessage msg) {
        // after a reconnect the broker redelivers what was not acked here; seq de-duplication absorbs it
        OrderedAcks.Handle h = msg.qosLevel() == MqttQoS.AT_MOST_ONCE ? null : acks.add(() -> {
            if (c.isConnected()) {
                msg.ack();
            }
        });
        ingress.handle(new InboundMessage(MqttAccess.BROKER, config.clientId(), msg.topicName(), msg.qosLevel(), msg.payload(), h, handover));
    }

    @Override
    public Future<Void> publish(String topic, Buffer payload, MqttQoS qos, boolean retain) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            MqttClient c = client;
            if (c == null || !c.isConnected()) {
                done.fail("not connected to MQTT broker " + config.url());
                return;
            }
            c.publish(topic, payload, qos, false, retain).onComplete(ar -> {
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                } else if (qos == MqttQoS.AT_MOST_ONCE) {
                    done.tryComplete();
                } else {
                    unconfirmed.put(ar.result(), done);
                }
            });
        });
        return done.future();
    }

    public Future<Void> close() {
        closing = true;
        MqttClient c = client;
        if (c == null || !c.isConnected()) {
            return Future.succeededFuture();
        }
        return c.disconnect().timeout(2, java.util.concurrent.TimeUnit.SECONDS).otherwiseEmpty();
    }
}
