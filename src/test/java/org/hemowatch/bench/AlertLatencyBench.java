package org.hemowatch.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.alerts.AlertsHarness;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.MqttSubscriber;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency from the HTTP 201 of the scan that changes a shortage (an ISSUE that takes O- red
 * cells below the par minimum of 2, then the RETURN that ends it) to the alert change on each
 * subscriber: SSE stream, signed webhook, and a real {@code mosquitto_sub} (station key) on the
 * embedded MQTT endpoint, its output line timestamped when read (includes the client process's
 * printing and the pipe). Baselines in the same run: a plain HTTP round trip
 * ({@code GET /health/live}), the scan's own round trip (request to 201, including the durable
 * commit), and the MQTT path alone (a publish on the service's MQTT port to the mosquitto_sub line). Steps are spaced beyond the 200 ms coalescing window, so
 * each evaluation runs at once; a burst of changes adds up to {@code alerts.debounceMillis}.
 * A change may reach a subscriber before the client has read the 201, so values can be negative.
 * Run: {@code mvn -B -q test -Pbench -Dtest=AlertLatencyBench}.
 */
@Tag("bench")
class AlertLatencyBench {

    private static final int CYCLES = Integer.getInteger("bench.cycles", 50);

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = AlertsHarness.extension(clock);

    @Test
    void latencyFromScanToAlertOnEverySubscriber() throws Exception {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String k : List.of("plain HTTP round trip (GET /health/live)", "scan round trip (POST /scans -> 201)",
                "MQTT publish (port) -> mosquitto_sub line", "201 -> SSE event", "201 -> webhook received",
                "201 -> mosquitto_sub line (embedded endpoint)")) {
            samples.put(k, new ArrayList<>());
        }
        String expiry = Labels.expiryInDays(clock, 13);
        try (AlertsHarness h = AlertsHarness.start(service, "")) {
            String a = Labels.dinRead("A999926000021");
            String b = Labels.dinRead("A999926000022");
            check(h.scan("STORE", Labels.label(a, Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null));
            check(h.scan("STORE", Labels.label(b, Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null));
            // the start-up shortage (no stock) is resolved by the two units
            long until = System.currentTimeMillis() + 10_000;
            while (!h.http().get("/api/v1/alerts?kind=shortage&state=active", h.admin()).json().getJsonArray("items").isEmpty()) {
                if (System.currentTimeMillis() > until) {
                    throw new IllegalStateException("start-up shortage did not clear");
                }
                Thread.sleep(20);
            }
            h.openSse(h.admin());
            MqttSubscriber sub = h.subscribe("hemowatch/v1/main/alerts/#");
            Thread.sleep(300);
            drain(h, sub);
            for (int i = 0; i < 10; i++) { // warm-up of the HTTP paths
                h.http().get("/health/live", null);
            }
            for (int i = 0; i < CYCLES; i++) {
                long t = System.nanoTime();
                h.http().get("/health/live", null);
                samples.get("plain HTTP round trip (GET /health/live)").add(ms(System.nanoTime() - t));
                mqttBaseline(h, sub, samples, i);

                step(h, sub, samples, "ISSUE", a + Labels.RED_CELLS, null, "ward-1", "OPENED");
                step(h, sub, samples, "RETURN", a + Labels.RED_CELLS, "fridge-1", null, "RESOLVED");
            }
        }
        System.out.println();
        System.out.printf("Alert latency, %d issue/return cycles around a par minimum of 2 (%d alert changes per subscriber)%n",
                CYCLES, 2 * CYCLES);
        System.out.printf("%-48s %8s %8s %8s %8s %8s%n", "path", "p50 ms", "p90 ms", "p99 ms", "max ms", "n");
        samples.forEach((k, v) -> System.out.printf("%-48s %8.2f %8.2f %8.2f %8.2f %8d%n", k, pct(v, 50), pct(v, 90), pct(v, 99),
                pct(v, 100), v.size()));
        System.out.println();
        // latency is only printed; every alert change must have reached every subscriber
        assertThat(samples.values()).allSatisfy(v -> assertThat(v).isNotEmpty());
    }

    /** The MQTT transport alone: the service's publisher port to the subscriber's output line. */
    private static void mqttBaseline(AlertsHarness h, MqttSubscriber sub, Map<String, List<Double>> samples, int i) throws Exception {
        String topic = "hemowatch/v1/main/alerts/bench/ping";
        long sent = System.nanoTime();
        h.service().mqtt().publisher().publish(topic, Buffer.buffer("ping-" + i), MqttQoS.AT_LEAST_ONCE, false);
        MqttSubscriber.Message m = sub.next(x -> x.topic().equals(topic) && x.payload().equals("ping-" + i), 10_000);
        if (m == null) {
            throw new IllegalStateException("ping " + i + " missing on mosquitto_sub");
        }
        samples.get("MQTT publish (port) -> mosquitto_sub line").add(ms(m.receivedNanos() - sent));
    }

    private static void step(AlertsHarness h, MqttSubscriber sub, Map<String, List<Double>> samples, String action, String read,
                             String location, String destination, String change) throws Exception {
        long sent = System.nanoTime();
        Http.Response r = h.scan(action, read, location, destination);
        long created = System.nanoTime();
        check(r);
        samples.get("scan round trip (POST /scans -> 201)").add(ms(created - sent));
        AlertsHarness.Event e = h.nextSse("shortage", change, 10_000);
        AlertsHarness.Hook hook = h.nextHook("shortage", change, 10_000);
        MqttSubscriber.Message p = AlertsHarness.nextMqtt(sub, "hemowatch/v1/main/alerts/shortage/RBC_O-", change, 10_000);
        if (e == null || hook == null || p == null || !hook.signatureValid()) {
            throw new IllegalStateException(change + " missing: sse=" + e + " hook=" + hook + " mqtt=" + p);
        }
        samples.get("201 -> SSE event").add(ms(e.receivedNanos() - created));
        samples.get("201 -> webhook received").add(ms(hook.receivedNanos() - created));
        samples.get("201 -> mosquitto_sub line (embedded endpoint)").add(ms(p.receivedNanos() - created));
        Thread.sleep(250); // beyond the coalescing window
        drain(h, sub);
    }

    private static void drain(AlertsHarness h, MqttSubscriber sub) {
        h.sse.clear();
        h.hooks.clear();
        sub.clear();
    }

    private static void check(Http.Response r) {
        if (r.status() != 201) {
            throw new IllegalStateException("scan failed: " + r.status() + " " + r.body());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double pct(List<Double> v, int p) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
