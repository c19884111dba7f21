package org.hemowatch.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.alert.IdSource;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.publish.MqttPublisher;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.GroupCommitWriter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the alert service with its channels (MQTT when a publisher is given, one per webhook,
 * SSE) so the wiring needs a few lines only.
 */
public final class AlertsModule {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertsModule.class);

    private final Vertx vertx;
    private final AlertsConfig config;
    private final AlertService service;
    private final SseChannel sse;
    private final DeliveryMetrics deliveries;
    private final WebhookOutbox outbox;
    private final List<WebhookChannel> webhooks;

    private AlertsModule(Vertx vertx, AlertsConfig config, AlertService service, SseChannel sse, DeliveryMetrics deliveries,
                         WebhookOutbox outbox, List<WebhookChannel> webhooks) {
        this.vertx = vertx;
        this.config = config;
        this.service = service;
        this.sse = sse;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    /**
     * @param mqtt the outbound MQTT port; {@link MqttPublisher#NONE} when MQTT is disabled (then there is no MQTT channel)
     * @param env  environment lookup for {@code alerts.webhooks[].secretEnv}
     */
    public static AlertsModule create(Vertx vertx, AlertsConfig config, Clock clock, Database database, GroupCommitWriter writer,
                                      Function<Instant, List<StockLevel>> levels, Function<Instant, ExpiryCounts> expiryCounts,
                                      HemowatchMetrics metrics, MqttPublisher mqtt, Function<String, String> env, ChangeLog changes) {
        return create(vertx, config, clock, new DocumentAlertStore(database, writer, changes), new DocumentWebhookOutbox(database, writer),
                levels, expiryCounts, metrics, mqtt, env);
    }

    /** As above with any {@link AlertStore} and no webhook outbox (tests). */
    public static AlertsModule create(Vertx vertx, AlertsConfig config, Clock clock, AlertStore store,
                                      Function<Instant, List<StockLevel>> levels, Function<Instant, ExpiryCounts> expiryCounts,
                                      HemowatchMetrics metrics, MqttPublisher mqtt, Function<String, String> env) {
        return create(vertx, config, clock, store, WebhookOutbox.NONE, levels, expiryCounts, metrics, mqtt, env);
    }

    private static AlertsModule create(Vertx vertx, AlertsConfig config, Clock clock, AlertStore store, WebhookOutbox outbox,
                                       Function<Instant, List<StockLevel>> levels, Function<Instant, ExpiryCounts> expiryCounts,
                                       HemowatchMetrics metrics, MqttPublisher mqtt, Function<String, String> env) {
        AlertService service = new AlertService(vertx, config, clock, store, new AlertBook(config.policyOverrides(), IdSource.uuid()),
                new ExpiryRules(config.nearExpiryWindows()), levels, expiryCounts, metrics);
        DeliveryMetrics deliveries = new DeliveryMetrics(metrics.registry());
        DeliveryFailureSink failures = DeliveryFailureSink.of(service);
        List<WebhookChannel> webhooks = new ArrayList<>();
        if (!config.webhooks().isEmpty()) {
            // Vert.x closes a client once its wrapper is garbage (Cleaner): the channels keep the HttpClient itself
            HttpClient http = vertx.createHttpClient(new HttpClientOptions());
            for (AlertsConfig.WebhookConfig w : config.webhooks()) {
                WebhookChannel channel = new WebhookChannel(vertx, http, w, w.resolveSecret(env), config.backoff(),
                        config.webhookTimeoutMillis(), clock, deliveries, failures, outbox);
                webhooks.add(channel);
                service.addChannel(channel);
            }
        }
        SseChannel sse = new SseChannel(vertx, service, config.keepAliveSeconds() * 1000L, deliveries);
        service.addChannel(sse);
        AlertsModule module = new AlertsModule(vertx, config, service, sse, deliveries, outbox, List.copyOf(webhooks));
        if (mqtt != MqttPublisher.NONE) {
            module.attachMqtt(mqtt);
        }
        return module;
    }

    /**
     * Adds the MQTT channel (alert topics and station routes). Call it before {@link #start} so
     * open alerts are re-published on start; later works too, from the next change on.
     */
    public void attachMqtt(MqttPublisher publisher) {
        service.addChannel(new MqttAlertChannel(vertx, publisher, config.routes(), config.backoff(), deliveries,
                DeliveryFailureSink.of(service)));
    }

    /**
     * Resumes webhook deliveries left pending by the last run, restores and re-publishes stored
     * alerts. The composition root then subscribes {@code service().evaluateSoon()} to committed unit changes.
     */
    public Future<Void> start() {
        return vertx.executeBlocking(outbox::loadAll).compose(pending -> {
            resume(pending);
            return service.start();
        });
    }

    private void resume(List<WebhookOutbox.Pending> pending) {
        int taken = 0;
        for (WebhookChannel w : webhooks) {
            taken += w.resume(pending);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        webhooks.forEach(w -> names.add(w.name()));
        for (WebhookOutbox.Pending p : pending) {
            if (!names.contains(p.webhook())) {
                LOG.warn("pending delivery {} is for webhook '{}', which is no longer configured; dropped", p.deliveryId(), p.webhook());
                outbox.delete(p.deliveryId());
            }
        }
        if (!pending.isEmpty()) {
            LOG.info("alerts: {} pending webhook deliveries resumed", taken);
        }
    }

    public AlertService service() {
        return service;
    }

    public SseChannel sse() {
        return sse;
    }

    public ApiRoutes routes() {
        return new AlertRoutes(service, sse);
    }
}
