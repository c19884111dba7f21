package org.hemowatch.alerts;

import org.hemowatch.domain.rule.RejectedException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.alert.IdSource;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyPhase;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class AlertServiceTest {

    private static final StockKey O_NEG = new StockKey("main", ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG));

    private final Vertx vertx = Vertx.vertx();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AtomicReference<List<StockLevel>> rows = new AtomicReference<>(List.of());
    private final AtomicInteger evaluations = new AtomicInteger();
    private final HemowatchMetrics metrics = new HemowatchMetrics();

    @AfterEach
    void close() throws Exception {
        get(vertx.close());
    }

    private AlertService service(AlertsConfig config, AlertChannel... channels) {
        AlertService s = new AlertService(vertx, config, clock, store, new AlertBook(IdSource.uuid()), new ExpiryRules(),
                now -> {
                    evaluations.incrementAndGet();
                    return rows.get();
                }, now -> ExpiryCounts.NONE, metrics);
        for (AlertChannel c : channels) {
            s.addChannel(c);
        }
        return s;
    }

    private static AlertsConfig config(int debounceMillis) {
        return new AlertsConfig(3600, debounceMillis, null, 20, 50, 1, 2000, null, null, null, null, null);
    }

    private static StockLevel shortLine(int available) {
        ParLevel par = new ParLevel(O_NEG, 2, 4);
        return new StockLevel(O_NEG, available, 0, 0, 0, null, SupplyPhase.GREEN, par.belowMinimum(available), par.belowIdeal(available), par);
    }

    @Test
    void storesEveryChangeBeforeDeliveringIt() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        AlertService s = service(config(200), channel);
        get(s.start());
        store.hold();

        rows.set(List.of(shortLine(1)));
        Future<List<AlertChange>> evaluated = s.evaluate();
        await().until(() -> store.saved.size() == 1);
        Thread.sleep(100);
        assertThat(channel.changes).isEmpty();
        assertThat(evaluated.isComplete()).isFalse();

        store.release();
        assertThat(channel.await(AlertKind.SHORTAGE, ChangeType.OPENED).alert().subject()).isEqualTo("RBC/O-");
        assertThat(get(evaluated)).hasSize(1);
    }

    @Test
    void aRaiseThatCouldNotBeStoredIsTakenBackAndRaisedAgainByTheNextEvaluation() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        AlertService s = service(config(200), channel);
        get(s.start());
        store.failNext(1);

        rows.set(List.of(shortLine(1)));
        assertThatThrownBy(() -> get(s.evaluate())).hasCauseInstanceOf(AlertStoreFailed.class);
        assertThat(get(s.list(a -> true))).isEmpty();
        assertThat(channel.changes).isEmpty();

        List<AlertChange> again = get(s.evaluate());
        assertThat(again).extracting(AlertChange::changeType).containsExactly(ChangeType.OPENED);
        assertThat(store.saved).containsOnlyKeys(again.get(0).alert().id());
        assertThat(channel.await(AlertKind.SHORTAGE, ChangeType.OPENED)).isNotNull();
    }

    @Test
    void restoresStoredAlertsAndRepublishesTheOpenOnesOnEveryChannel() throws Exception {
        AlertService first = service(config(200));
        get(first.start());
        rows.set(List.of(shortLine(1)));
        String shortageId = get(first.evaluate()).get(0).alert().id();
        String excursionId = get(first.acceptColdChain(started())).get(0).alert().id();
        get(first.acceptColdChain(ended()));
        first.stop();

        RecordingChannel a = new RecordingChannel();
        RecordingChannel b = new RecordingChannel();
        AlertService second = service(config(200), a, b);
        get(second.start());

        for (RecordingChannel ch : List.of(a, b)) {
            await().until(() -> !ch.changes.isEmpty());
            Thread.sleep(100);
            assertThat(ch.changes).extracting(c -> c.alert().id()).containsExactly(shortageId);
            assertThat(ch.changes.get(0).changeType()).isEqualTo(ChangeType.UPDATED);
        }
        assertThat(get(second.get(excursionId)).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);
        Alert acked = get(second.acknowledge(shortageId, "tech", "ordered more"));
        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(store.saved.get(shortageId).state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void coalescesABurstOfUnitChangesIntoTwoEvaluations() throws Exception {
        AlertService s = service(config(200));
        get(s.start());
        Thread.sleep(250);
        int before = evaluations.get();

        for (int i = 0; i < 50; i++) {
            s.evaluateSoon();
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> evaluations.get() - before == 2);
        Thread.sleep(400);
        assertThat(evaluations.get() - before).isEqualTo(2);
    }

    @Test
    void raisesAndClearsColdChainAlertsThroughTheBook() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        AlertService s = service(config(200), channel);
        get(s.start());

        List<AlertChange> opened = get(s.acceptColdChain(started()));
        assertThat(opened).extracting(AlertChange::changeType).containsExactly(ChangeType.OPENED);
        assertThat(opened.get(0).alert().kind()).isEqualTo(AlertKind.EXCURSION);
        assertThat(channel.await(AlertKind.EXCURSION, ChangeType.OPENED)).isNotNull();

        get(s.acceptColdChain(ended()));
        assertThat(channel.await(AlertKind.EXCURSION, ChangeType.RESOLVED).alert().resolvedBy()).isEqualTo("system");
        assertThat(get(s.list(Alert::active))).isEmpty();
    }

    @Test
    void escalatesAnUnacknowledgedAlertOnTheTick() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        AlertService s = service(config(200), channel);
        get(s.start());
        get(s.acceptColdChain(started()));

        clock.advance(Duration.ofMinutes(31));
        List<AlertChange> changes = get(s.tick());

        assertThat(changes).extracting(AlertChange::changeType).containsExactly(ChangeType.ESCALATED);
        assertThat(channel.await(AlertKind.EXCURSION, ChangeType.ESCALATED).alert().severity()).isEqualTo(Severity.EMERGENCY);
    }

    @Test
    void refusesAnAcknowledgementWithoutComment() throws Exception {
        AlertService s = service(config(200));
        get(s.start());
        String id = get(s.acceptColdChain(started())).get(0).alert().id();

        assertThatThrownBy(() -> get(s.acknowledge(id, "tech", " ")))
                .hasCauseInstanceOf(RejectedException.class).hasMessageContaining("comment");
        assertThatThrownBy(() -> get(s.acknowledge("nope", "tech", "x"))).hasMessageContaining("nope");
        assertThat(metrics.registry().find(org.hemowatch.metrics.MetricNames.ALERT_TIME_TO_ACK).timer()).isNull();

        clock.advance(Duration.ofMinutes(3));
        get(s.acknowledge(id, "tech", "door closed, checking"));
        assertThat(metrics.registry().find(org.hemowatch.metrics.MetricNames.ALERT_TIME_TO_ACK).timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(180.0);
    }

    @Test
    void aWebhookThatKeepsFailingRaisesDeliveryFailureWhichItIsNotSentItself() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer failing = get(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(b.toJsonObject().getJsonObject("alert").getString("kind"));
            req.response().setStatusCode(503).end();
        })).listen(0, "127.0.0.1"));
        // retried for 5 s: long enough for several attempts even on a loaded machine
        AlertsConfig cfg = new AlertsConfig(3600, 200, null, 20, 50, 5, 2000, null, null, null, null, null);
        AlertsConfig.WebhookConfig hook = new AlertsConfig.WebhookConfig("ops-hook", "http://127.0.0.1:" + failing.actualPort() + "/h",
                "s", null, null, null);
        RecordingChannel channel = new RecordingChannel();
        AlertService s = service(cfg, channel);
        DeliveryMetrics deliveries = new DeliveryMetrics(metrics.registry());
        InMemoryWebhookOutbox outbox = new InMemoryWebhookOutbox();
        s.addChannel(new WebhookChannel(vertx, vertx.createHttpClient(), hook, "s", cfg.backoff(), 1000, clock, deliveries,
                DeliveryFailureSink.of(s), outbox));
        get(s.start());

        rows.set(List.of(shortLine(0)));
        get(s.evaluate());

        AlertChange failure = channel.await(AlertKind.DELIVERY_FAILURE, ChangeType.OPENED);
        assertThat(failure.alert().subject()).isEqualTo("ops-hook");
        assertThat(failure.alert().site()).isEqualTo("main");
        assertThat(failure.alert().details()).containsEntry("alertKind", "shortage");
        assertThat(deliveries.count(WebhookChannel.CHANNEL, "failed")).isEqualTo(1.0);
        // kept while it was retried (attempts counted up), deleted once given up
        assertThat(outbox.history).extracting(WebhookOutbox.Pending::attempts).contains(0, 1, 2);
        await().until(outbox.entries::isEmpty);
        assertThat(deliveries.count(WebhookChannel.CHANNEL, "retried")).isGreaterThanOrEqualTo(2.0);
        Thread.sleep(300);
        assertThat(received).isNotEmpty().containsOnly("shortage");
    }

    private static ColdChainEvent started() {
        return new ColdChainEvent.ExcursionStarted("main", "fridge-1", "x-1", Instant.parse("2026-11-23T10:00:00Z"), 8.4,
                "above safe max", Instant.parse("2026-11-23T09:30:00Z"));
    }

    private static ColdChainEvent ended() {
        Instant start = Instant.parse("2026-11-23T09:30:00Z");
        return new ColdChainEvent.ExcursionEnded(new Excursion(Excursion.idFor("main", "fridge-1", start), "main", "fridge-1", start,
                Instant.parse("2026-11-23T10:05:00Z"), 2.0, 8.4, "above safe max"), Instant.parse("2026-11-23T10:20:00Z"));
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
