package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.publish.MqttPublisher;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.publish.Topics;
import org.hemowatch.domain.Ids;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.ScanIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one inbound path of both MQTT modes: (principal, topic, payload) → decode → {@link ReadingIngest}
 * or {@link ScanIngest}. The returned future
 * <ul>
 *   <li>succeeds with {@link Outcome#accepted} after COMMIT (duplicates included: they are stored already); a DISCARD
 *       scan, which a scanner cannot sign, is applied as the unit's hold and also reported on the errors topic
 *       with rule {@code discard-pending-signature} ({@link DiscardHold}),</li>
 *   <li>succeeds with a rejection for an invalid or refused message, which was published to the sender's
 *       errors topic and counted — the transport acknowledges it so it is not redelivered forever,</li>
 *   <li>fails when the store could not commit: the transport must NOT acknowledge, so the sender retries.</li>
 * </ul>
 */
public final class MqttIngress {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngress.class);
    private final Vertx vertx;
    private final ReadingIngest readings;
    private final ScanIngest scans;
    private final Predicate<String> knowsSite;
    private final Clock clock;
    private final MqttMetrics metrics;
    private final int maxPayloadBytes;
    private volatile MqttPublisher errors = MqttPublisher.NONE;

    public MqttIngress(Vertx vertx, ReadingIngest readings, ScanIngest scans, Predicate<String> knowsSite, Clock clock,
                       MqttMetrics metrics, int maxPayloadBytes) {
        this.vertx = vertx;
        this.readings = readings;
        this.scans = scans;
        this.knowsSite = knowsSite;
        this.clock = clock;
        this.metrics = metrics;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** What happened to one message. Exactly one of the fields is meaningful: rejection null = accepted. */
    public record Outcome(int stored, int duplicates, RejectedMessage rejection) {
        static Outcome accepted(int stored, int duplicates) {
            return new Outcome(stored, duplicates, null);
        }

        static Outcome rejected(RejectedMessage r) {
            return new Outcome(0, 0, r);
        }

        public boolean isAccepted() {
            return rejection == null;
        }
    }

    /** Where rejections are published (the active mode's publisher). */
    void errorsTo(MqttPublisher publisher) {
        this.errors = publisher;
    }

    /**
     * Handles one inbound message of either mode and settles its acknowledgement: acknowledged (in
     * turn) when committed or refused with a rule, never when the store failed (see {@link OrderedAcks}).
     */
    public Future<Outcome> handle(InboundMessage m) {
        Future<Outcome> f = route(m.principal(), m.username(), m.topic(), m.payload(), m.handover());
        f.onComplete(ar -> {
            if (ar.succeeded()) {
                m.ack();
            } else {
                m.storeFailed();
            }
        });
        return f;
    }

    /**
     * Routes one inbound message.
     *
     * @param principal who sent it (authenticated at CONNECT, or {@link MqttAccess#BROKER} in external mode)
     * @param clientId  the sender's client id / user name, for errors on topics that name no sender
     * @param handover  the connection's way back onto its context from the store's writer
     */
    public Future<Outcome> route(Principal principal, String clientId, String topic, Buffer payload, Handover handover) {
        MqttTopic.Parsed parsed = MqttTopic.parse(topic);
        if (!parsed.ok()) {
            String fallback = parsed.errorsTopic().orElseGet(() -> MqttTopic.errorsTopic(
                    principal.site() != null ? principal.site() : "unknown", MqttTopic.Sender.DEVICE, safeId(clientId)));
            return Future.succeededFuture(reject(fallback, parsed.rejection()));
        }
        MqttTopic t = parsed.topic();
        if (payload.length() > maxPayloadBytes) {
            return Future.succeededFuture(reject(t.errorsTopic(), RejectedMessage.invalid("too-large",
                    "payload of " + payload.length() + " bytes exceeds the limit of " + maxPayloadBytes, null)));
        }
        Optional<RejectedMessage> denied = MqttAccess.mayPublish(principal, t);
        if (denied.isPresent()) {
            return Future.succeededFuture(reject(t.errorsTopic(), denied.get()));
        }
        if (!knowsSite.test(t.site())) {
            return Future.succeededFuture(reject(t.errorsTopic(), new RejectedMessage(Rejection.unknown("unknown-site",
                    "site '" + t.site() + "' is not configured on this service"), null)));
        }
        byte[] bytes = payload.getBytes();
        return switch (t.channel()) {
            case READINGS -> readings(principal, t, bytes, handover);
            case SCANS -> scan(t, bytes, principal);
            case STATUS -> status(principal, t, bytes);
        };
    }

    /** Settled on the connection's context through its {@link Handover}: one hop per commit, not one per message. */
    private Future<Outcome> readings(Principal principal, MqttTopic t, byte[] bytes, Handover handover) {
        Decoded<List<TemperatureReading>> d = ReadingPayloadDecoder.decode(t.site(), t.id(), bytes, clock.instant(), "mqtt");
        if (!d.ok()) {
            metrics.readingsRejected(d.rejection().rule());
            return Future.succeededFuture(reject(t.errorsTopic(), d.rejection()));
        }
        long seq = d.value().get(0).seq();
        Promise<Outcome> done = Promise.promise();
        readings.record(principal, d.value()).whenComplete((s, e) -> handover.run(() -> {
            if (e == null) {
                metrics.readings(t.site(), s.stored(), s.duplicates());
                done.complete(Outcome.accepted(s.stored(), s.duplicates()));
            } else {
                refusedOrFail(t, e, seq, true).onComplete(done);
            }
        }));
        return done.future();
    }

    /**
     * A scan is applied at most once per (publisher key, site, scanner, seq), whichever instance
     * receives it and across restarts (the claim is stored with the scan, see {@link ScanIngest.Sequence});
     * a refused scan occupies no seq, so its corrected retry with the same seq is applied.
     */
    private Future<Outcome> scan(MqttTopic t, byte[] bytes, Principal principal) {
        Decoded<ScanPayloadDecoder.Scan> d = ScanPayloadDecoder.decode(t.site(), t.id(), bytes, principal);
        if (!d.ok()) {
            return Future.succeededFuture(reject(t.errorsTopic(), d.rejection()));
        }
        String publisher = principal.kind() + ":" + principal.id();
        Context ctx = vertx.getOrCreateContext();
        return Future.fromCompletionStage(scans.process(d.value().request(), new ScanIngest.Sequence(publisher, d.value().seq())), ctx)
                .map(unit -> {
                    if ("DISCARD".equalsIgnoreCase(d.value().request().action()) && DiscardHold.pending(unit)) {
                        // applied (and acknowledged) as a hold: the scanner learns that the discard waits for a signature
                        errors.publish(t.errorsTopic(), Topics.errorPayload(d.value().seq(), null, DiscardHold.MARK, DiscardHold.message(unit)),
                                MqttQoS.AT_LEAST_ONCE, false).onFailure(e -> LOG.debug("could not publish a discard hold to {}", t.errorsTopic(), e));
                    }
                    return Outcome.accepted(1, 0);
                })
                .recover(e -> refusedOrFail(t, e, d.value().seq(), false));
    }

    private Future<Outcome> status(Principal principal, MqttTopic t, byte[] bytes) {
        Decoded<DeviceStatusReport> d = StatusPayloadDecoder.decode(t.site(), t.id(), bytes, clock.instant(), "mqtt");
        if (!d.ok()) {
            return Future.succeededFuture(reject(t.errorsTopic(), d.rejection()));
        }
        try {
            readings.status(principal, d.value());
        } catch (RejectedException e) {
            return Future.succeededFuture(reject(t.errorsTopic(), new RejectedMessage(e.rejection(), d.value().seq())));
        }
        return Future.succeededFuture(Outcome.accepted(1, 0));
    }

    /** An {@link Rejection} (other than UNAVAILABLE) is the sender's problem: reject; anything else is ours: fail. */
    private Future<Outcome> refusedOrFail(MqttTopic t, Throwable e, long seq, boolean reading) {
        Rejection error = Rejection.of(e).orElse(null);
        if (error == null || error.kind() == Rejection.Kind.UNAVAILABLE) {
            LOG.warn("could not store a message from {}/{}; it is not acknowledged and will be redelivered", t.site(), t.id(), e);
            return Future.failedFuture(e);
        }
        if (reading) {
            metrics.readingsRejected(error.rule());
        }
        return Future.succeededFuture(reject(t.errorsTopic(), new RejectedMessage(error, seq)));
    }

    private Outcome reject(String errorsTopic, RejectedMessage r) {
        metrics.messageRejected(r.rule());
        errors.publish(errorsTopic, Buffer.buffer(r.toJson()), MqttQoS.AT_LEAST_ONCE, false)
                .onFailure(e -> LOG.debug("could not publish a rejection to {}", errorsTopic, e));
        return Outcome.rejected(r);
    }

    private static String safeId(String id) {
        return Ids.valid(id) ? id : "unknown";
    }
}
