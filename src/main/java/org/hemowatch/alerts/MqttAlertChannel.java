package org.hemowatch.alerts;

import org.hemowatch.json.JsonMappers;
import org.hemowatch.domain.Backoff;
import org.hemowatch.publish.Topics;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.publish.MqttPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts over MQTT through the {@link MqttPublisher} port, QoS 1:
 * <ul>
 * <li>{@link Topics#alertTopic}: every change, <b>retained</b> while the alert is OPEN or
 * ACKNOWLEDGED; on RESOLVED the change is sent unretained, then an empty retained payload clears
 * the topic;</li>
 * <li>{@link Topics#stationTopic}: every change of the alerts a station's route accepts (unretained).</li>
 * </ul>
 * A failed publish is retried with {@link Backoff}; a retry is dropped when a newer change of the
 * same alert was published meanwhile (so an old state never overwrites a newer retained one).
 */
public final class MqttAlertChannel implements AlertChannel {

    private static final Logger LOG = LoggerFactory.getLogger(MqttAlertChannel.class);

    private final Vertx vertx;
    private final MqttPublisher publisher;
    private final List<AlertsConfig.StationRoute> routes;
    private final Backoff backoff;
    private final DeliveryMetrics metrics;
    private final DeliveryFailureSink failures;
    // publish futures may complete on the MQTT endpoint's threads
    private final Map<String, Long> latestSeq = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    public MqttAlertChannel(Vertx vertx, MqttPublisher publisher, List<AlertsConfig.StationRoute> routes, Backoff backoff,
                            DeliveryMetrics metrics, DeliveryFailureSink failures) {
        this.vertx = vertx;
        this.publisher = publisher;
        this.routes = List.copyOf(routes);
        this.backoff = backoff;
        this.metrics = metrics;
        this.failures = failures;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    /** Station topics a change goes to, per the routing table. */
    public List<String> stationTopics(Alert a) {
        return routes.stream().filter(r -> r.matches(a.site(), a.kind(), a.severity()))
                .map(r -> Topics.stationTopic(a.site(), r.station())).distinct().toList();
    }

    @Override
    public void deliver(AlertChange change) {
        Alert a = change.alert();
        long mySeq = seq.incrementAndGet();
        latestSeq.put(a.id(), mySeq);
        Buffer payload = Buffer.buffer(JsonMappers.writeWire(AlertJson.change(change)));
        String topic = Topics.alertTopic(a);
        boolean resolved = a.state() == AlertState.RESOLVED;
        Runnable alertTopic = () -> attempt(a, a.id(), mySeq, 1, System.nanoTime(), () -> resolved
                ? publisher.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false)
                        .compose(v -> publisher.publish(topic, Buffer.buffer(), MqttQoS.AT_LEAST_ONCE, true))
                : publisher.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, true));
        alertTopic.run();
        for (String station : stationTopics(a)) {
            attempt(a, null, mySeq, 1, System.nanoTime(), () -> publisher.publish(station, payload, MqttQoS.AT_LEAST_ONCE, false));
        }
    }

    private void attempt(Alert a, String alertId, long mySeq, int attempt, long startNanos, java.util.function.Supplier<Future<Void>> send) {
        if (alertId != null && latestSeq.getOrDefault(alertId, mySeq) != mySeq) {
            return; // superseded by a newer change of the same alert
        }
        Future<Void> f;
        try {
            f = send.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onSuccess(v -> {
            metrics.delivered(name());
            if (!DeliveryFailureSink.isAbout(a, name())) {
                failures.succeeded(name(), a.site());
            }
            if (alertId != null && !a.active()) {
                latestSeq.remove(alertId, mySeq); // resolved is final: nothing newer can follow
            }
        }).onFailure(e -> {
            Optional<Duration> next = backoff.next(attempt, Duration.ofNanos(System.nanoTime() - startNanos));
            if (next.isPresent()) {
                metrics.retried(name());
                vertx.setTimer(Math.max(1, next.get().toMillis()), id -> attempt(a, alertId, mySeq, attempt + 1, startNanos, send));
            } else {
                metrics.failed(name());
                LOG.error("MQTT alert delivery given up after {} attempts: {}", attempt, e.toString());
                if (!DeliveryFailureSink.isAbout(a, name())) {
                    failures.failed(name(), a, attempt + " attempts failed, last: " + e.getMessage());
                }
            }
        });
    }
}
