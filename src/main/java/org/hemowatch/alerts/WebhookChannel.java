package org.hemowatch.alerts;

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
import java.util.Optional;
import java.util.UUID;

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

    /**
     * @param http HTTP client (may be shared by several webhooks); held here because Vert.x closes a
     *             client whose last reference is dropped
     */
    public WebhookChannel(Vertx vertx, HttpClient http, AlertsConfig.WebhookConfig config, String secret, Backoff backoff,
                          long timeoutMillis, Clock clock, DeliveryMetrics metrics, DeliveryFailureSink failures) {
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
        Buffer body = AlertJson.change(change).put("deliveryId", deliveryId).toBuffer();
        String signature = WebhookSignature.sign(secret, body.getBytes());
        attempt(a, deliveryId, body, signature, 1, System.nanoTime());
    }

    private void attempt(Alert a, String deliveryId, Buffer body, String signature, int attempt, long startNanos) {
        client.postAbs(config.url())
                .timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Hemowatch-Delivery", deliveryId)
                .putHeader("X-Hemowatch-Timestamp", clock.instant().toString())
                .putHeader(WebhookSignature.HEADER, signature)
                .sendBuffer(body)
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                        metrics.delivered(CHANNEL);
                        failures.succeeded(name(), a.site());
                        return;
                    }
                    String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause());
                    Optional<Duration> next = backoff.next(attempt, Duration.ofNanos(System.nanoTime() - startNanos));
                    if (next.isPresent()) {
                        metrics.retried(CHANNEL);
                        LOG.debug("webhook {} attempt {} of delivery {} failed ({}); retry in {}", name(), attempt, deliveryId, why, next.get());
                        vertx.setTimer(Math.max(1, next.get().toMillis()),
                                id -> attempt(a, deliveryId, body, signature, attempt + 1, startNanos));
                    } else {
                        metrics.failed(CHANNEL);
                        LOG.error("webhook {} gave up delivery {} of alert {} after {} attempts: {}", name(), deliveryId, a.id(), attempt, why);
                        failures.failed(name(), a, attempt + " attempts failed, last: " + why);
                    }
                });
    }
}
