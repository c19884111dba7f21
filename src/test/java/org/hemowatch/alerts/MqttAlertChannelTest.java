package org.hemowatch.alerts;

import org.hemowatch.domain.Backoff;
import org.hemowatch.publish.Topics;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.publish.MqttPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class MqttAlertChannelTest {

    private static final List<AlertsConfig.StationRoute> ROUTES = List.of(
            new AlertsConfig.StationRoute("bank-1", null, List.of("shortage"), "WARNING"),
            new AlertsConfig.StationRoute("porters", null, List.of("excursion", "door-open"), null),
            new AlertsConfig.StationRoute("north-desk", "north", null, null));

    private record Msg(String topic, String payload, MqttQoS qos, boolean retain) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Msg> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> gaveUp = new CopyOnWriteArrayList<>();
    private final MqttPublisher publisher = (topic, payload, qos, retain) -> {
        if (failuresLeft.getAndDecrement() > 0) {
            return Future.failedFuture("not connected");
        }
        published.add(new Msg(topic, payload.toString(), qos, retain));
        return Future.succeededFuture();
    };
    private final DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry());
    private final MqttAlertChannel channel = new MqttAlertChannel(vertx, publisher, ROUTES,
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(300)), metrics,
            (notifier, alert, reason) -> gaveUp.add(notifier + ":" + alert.id()));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{1} {2} at {0} -> [{3}]")
    @CsvFileSource(resources = "/alerts-e2e/station-routes.csv", delimiter = '|')
    void routesAlertsToStationsByKindSeverityAndSite(String site, AlertKind kind, Severity severity, String stations) {
        Alert a = TestAlerts.alert("a-1", kind, site, "x", severity, AlertState.OPEN);
        List<String> expected = stations == null ? List.of()
                : Arrays.stream(stations.split(" ")).map(s -> Topics.stationTopic(site, s)).toList();

        assertThat(channel.stationTopics(a)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void retainsAnOpenAlertOnItsTopicAndSendsItToTheRoutedStation() {
        Alert a = TestAlerts.alert("a-1", AlertKind.SHORTAGE, "main", "RBC/O-");

        channel.deliver(new AlertChange(a, ChangeType.OPENED));

        await().until(() -> published.size() == 2);
        Msg topic = published.stream().filter(m -> m.topic().equals("hemowatch/v1/main/alerts/shortage/RBC_O-")).findFirst().orElseThrow();
        assertThat(topic.retain()).isTrue();
        assertThat(topic.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(new JsonObject(topic.payload()).getString("changeType")).isEqualTo("OPENED");
        Msg station = published.stream().filter(m -> m.topic().equals("hemowatch/v1/main/stations/bank-1/alerts")).findFirst().orElseThrow();
        assertThat(station.retain()).isFalse();
    }

    @Test
    void sendsTheResolutionThenClearsTheRetainedTopic() {
        Alert a = TestAlerts.alert("a-1", AlertKind.EXCURSION, "main", "fridge-1", Severity.CRITICAL, AlertState.RESOLVED);

        channel.deliver(new AlertChange(a, ChangeType.RESOLVED));

        String topic = "hemowatch/v1/main/alerts/excursion/fridge-1";
        await().until(() -> published.stream().filter(m -> m.topic().equals(topic)).count() == 2);
        List<Msg> onTopic = published.stream().filter(m -> m.topic().equals(topic)).toList();
        assertThat(onTopic.get(0).retain()).isFalse();
        assertThat(new JsonObject(onTopic.get(0).payload()).getJsonObject("alert").getString("state")).isEqualTo("RESOLVED");
        assertThat(onTopic.get(1).retain()).isTrue();
        assertThat(onTopic.get(1).payload()).isEmpty();
    }

    @Test
    void retriesAFailedPublish() {
        failuresLeft.set(2);

        channel.deliver(new AlertChange(TestAlerts.alert("a-1", AlertKind.NEAR_EXPIRY, "main", "PLT"), ChangeType.OPENED));

        await().until(() -> published.size() == 1);
        assertThat(metrics.count("mqtt", "retried")).isEqualTo(2.0);
        assertThat(metrics.count("mqtt", "delivered")).isEqualTo(1.0);
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void dropsARetryOfAChangeThatANewerOneReplaced() throws Exception {
        failuresLeft.set(1);
        Alert open = TestAlerts.alert("a-1", AlertKind.NEAR_EXPIRY, "main", "PLT");
        channel.deliver(new AlertChange(open, ChangeType.OPENED));
        vertx.runOnContext(v -> channel.deliver(new AlertChange(
                TestAlerts.alert("a-1", AlertKind.NEAR_EXPIRY, "main", "PLT", Severity.WARNING, AlertState.ACKNOWLEDGED), ChangeType.ACKNOWLEDGED)));

        await().until(() -> published.size() == 1);
        Thread.sleep(200);
        assertThat(published).hasSize(1);
        assertThat(new JsonObject(published.get(0).payload()).getString("changeType")).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void givesUpAfterTheRetryTimeAndReportsTheFailure() {
        failuresLeft.set(Integer.MAX_VALUE);

        channel.deliver(new AlertChange(TestAlerts.alert("a-9", AlertKind.NEAR_EXPIRY, "main", "PLT"), ChangeType.OPENED));

        await().until(() -> !gaveUp.isEmpty());
        assertThat(gaveUp).containsExactly("mqtt:a-9");
        assertThat(metrics.count("mqtt", "failed")).isEqualTo(1.0);
    }

    @Test
    void doesNotReportTheFailureOfItsOwnDeliveryFailureAlert() throws Exception {
        failuresLeft.set(Integer.MAX_VALUE);

        channel.deliver(new AlertChange(TestAlerts.alert("a-9", AlertKind.DELIVERY_FAILURE, "main", "mqtt"), ChangeType.OPENED));

        await().until(() -> metrics.count("mqtt", "failed") == 1.0);
        assertThat(gaveUp).isEmpty();
    }
}
