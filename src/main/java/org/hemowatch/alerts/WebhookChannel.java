package org.hemowatch.alerts;

import org.hemowatch.domain.Backoff;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Alerts POSTed as JSON to one webhook receiver:
 * <pre>
 * POST {url}
 * Content-Type: application/json
 * X-Hemowatch-Delivery: {uuid, the same for every attempt of one delivery}
 * X-Hemowatch-Timestamp: {ISO-8601 instant of this attempt}
 * X-Hemowatch-Signature: sha256={hex HMAC-SHA256 of the raw body, keyed with the secret}
 *
 * {"deliveryId": ..., "changeType": "OPENED", "alert": {...}}
 * </pre>
 * A 2xx answer is delivered; anything else (or no answer) is retried with {@link Backoff} until
 * its time is up, then counted failed and reported to the {@link DeliveryFailureSink} (a
 * DELIVERY_FAILURE alert). That alert is never sent through this webhook itself.
 * <p>
 * Each delivery is kept in the {@link WebhookOutbox} until it is delivered or given up, so a
 * restart resumes it ({@link #resume}) with the same {@code X-Hemowatch-Delivery} id.
 */
public final class WebhookChannel implements AlertChannel {

    /** Metric label of every webhook. */
    public static final String CHANNEL = "webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

    private final Vertx vertx;
    private final HttpClient http;
    private final WebClient client;
    private final AlertsConfig.WebhookConfig config;
    private final AlertsConfig.Filter filter;
    private final String secret;
    private final Backoff backoff;
    private final long timeoutMillis;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final DeliveryFailureSink failures;
    private final WebhookOutbox outbox;

    /**
     * @param http HTTP client (may be shared by several webhooks); held here because Vert.x closes a
     *             client whose last reference is dropped
     */
    public WebhookChannel(Vertx vertx, HttpClient http, AlertsConfig.WebhookConfig config, String secret, Backoff backoff,
                          long timeoutMillis, Clock clock, DeliveryMetrics metrics, DeliveryFailureSink failures, WebhookOutbox outbox) {
        this.vertx = vertx;
        this.http = http;
        this.client = WebClient.wrap(http, new WebClientOptions().setUserAgent("hemowatch-alerts"));
        this.config = config;
        this.filter = config.filter();
        this.secret = secret;
        this.backoff = backoff;
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
        this.metrics = metrics;
        this.failures = failures;
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** Whether this webhook takes the alert (kinds, severity, and never its own DELIVERY_FAILURE). */
    public boolean accepts(Alert a) {
        return filter.accepts(a.kind(), a.severity()) && !DeliveryFailureSink.isAbout(a, name());
    }

    @Override
    public void deliver(AlertChange change) {
        Alert a = change.alert();
        if (!accepts(a)) {
            return;
        }
        String deliveryId = UUID.randomUUID().toString();
        String body = AlertJson.delivery(change, deliveryId);
        Delivery d = new Delivery(a, deliveryId, body, System.nanoTime());
        // outbox first: the first attempt is made once the entry is committed (or could not be), so a
        // delivery that was tried is always one a restart can resume
        Context here = vertx.getOrCreateContext();
        save(d, 0, clock.instant()).whenComplete((v, e) -> here.runOnContext(x -> attempt(d, 1)));
    }

    /**
     * Continues deliveries of this webhook left pending by an earlier run (same delivery id and
     * body); the next attempt is made when it was due, at once if that has passed. Time the
     * service was down does not count towards giving up.
     *
     * @return how many were taken
     */
    public int resume(List<WebhookOutbox.Pending> pending) {
        int n = 0;
        for (WebhookOutbox.Pending p : pending) {
            if (!p.webhook().equals(name())) {
                continue;
            }
            Alert a;
            try {
                a = AlertJson.delivered(p.body());
            } catch (RuntimeException e) {
                LOG.error("webhook {}: pending delivery {} is unreadable and is dropped", name(), p.deliveryId(), e);
                outbox.delete(p.deliveryId());
                continue;
            }
            Delivery d = new Delivery(a, p.deliveryId(), p.body(), System.nanoTime() - p.elapsedMillis() * 1_000_000L);
            long wait = Math.max(1, Math.min(Duration.between(clock.instant(), p.nextAttempt()).toMillis(), backoff.max().toMillis()));
            vertx.setTimer(wait, id -> attempt(d, p.attempts() + 1));
            n++;
        }
        return n;
    }

    /** One delivery: the same id and body on every attempt; {@code startNanos} for giving up. */
    private record Delivery(Alert alert, String id, String body, long startNanos) {
        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    private void attempt(Delivery d, int attempt) {
        Buffer body = Buffer.buffer(d.body());
        client.postAbs(config.url())
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Hemowatch-Delivery", d.id())
                .putHeader("X-Hemowatch-Timestamp", clock.instant().toString())
                .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(secret, body.getBytes()))
                .sendBuffer(body)
                .onComplete(ar -> {
                    Alert a = d.alert();
                    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                        metrics.delivered(CHANNEL);
                        forget(d);
                        failures.succeeded(name(), a.site());
                        return;
                    }
                    String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause());
                    Optional<Duration> next = backoff.next(attempt, d.elapsed());
                    if (next.isPresent()) {
                        metrics.retried(CHANNEL);
                        LOG.debug("webhook {} attempt {} of delivery {} failed ({}); retry in {}", name(), attempt, d.id(), why, next.get());
                        save(d, attempt, clock.instant().plus(next.get()));
                        vertx.setTimer(Math.max(1, next.get().toMillis()), id -> attempt(d, attempt + 1));
                    } else {
                        metrics.failed(CHANNEL);
                        LOG.error("webhook {} gave up delivery {} of alert {} after {} attempts: {}", name(), d.id(), a.id(), attempt, why);
                        forget(d);
                        failures.failed(name(), a, attempt + " attempts failed, last: " + why);
                    }
                });
    }

    private CompletableFuture<Void> save(Delivery d, int attempts, Instant next) {
        return outbox.put(new WebhookOutbox.Pending(d.id(), name(), d.body(), attempts, next, d.elapsed().toMillis()))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn("webhook {}: pending delivery {} could not be kept; a restart would lose it", name(), d.id(), e);
                    }
                });
    }

    private void forget(Delivery d) {
        // submitted after the entry's put, and the writer commits in order: the entry cannot outlive this
        outbox.delete(d.id()).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("webhook {}: delivered {} but could not delete its outbox entry (it may be sent again after a restart)",
                        name(), d.id(), e);
            }
        });
    }
}
