package org.hemowatch.bench;

import org.hemowatch.alerts.AlertsHarness;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency from the HTTP 201 of the scan that changes a shortage (an ISSUE that takes O- red
 * cells below the par minimum of 2, then the RETURN that ends it) to the alert change on each
 * subscriber: SSE stream, signed webhook, and the MQTT publisher port (a recording publisher in
 * this process: the embedded MQTT endpoint is not on main yet). Baselines in the same run: a
 * plain HTTP round trip ({@code GET /health/live}) and the scan's own round trip (request to
 * 201, including the durable commit). Steps are spaced beyond the 200 ms coalescing window, so
 * each evaluation runs at once; a burst of changes adds up to {@code alerts.debounceMillis}.
 * A change may reach a subscriber before the client has read the 201, so values can be negative.
 * Run: {@code mvn -B -q test -Pbench -Dtest=AlertLatencyBench}.
 */
@Tag("bench")
class AlertLatencyBench {

    private static final int CYCLES = Integer.getInteger("bench.cycles", 50);
    private static final String EXPIRY = "&>0263401200";

    @TempDir
    Path dir;

    @Test
    void latencyFromScanToAlertOnEverySubscriber() throws Exception {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String k : List.of("plain HTTP round trip (GET /health/live)", "scan round trip (POST /scans -> 201)",
                "201 -> SSE event", "201 -> webhook received", "201 -> MQTT publish (port)")) {
            samples.put(k, new ArrayList<>());
        }
        TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (AlertsHarness h = AlertsHarness.start(dir, clock, "")) {
            String a = Labels.dinRead("A999926000021");
            String b = Labels.dinRead("A999926000022");
            check(h.scan("STORE", Labels.label(a, Labels.O_NEG, Labels.RED_CELLS, EXPIRY), "fridge-1", null));
            check(h.scan("STORE", Labels.label(b, Labels.O_NEG, Labels.RED_CELLS, EXPIRY), "fridge-1", null));
            // the start-up shortage (no stock) is resolved by the two units
            long until = System.currentTimeMillis() + 10_000;
            while (!h.http().get("/api/v1/alerts?kind=shortage&state=active", h.admin()).json().getJsonArray("items").isEmpty()) {
                if (System.currentTimeMillis() > until) {
                    throw new IllegalStateException("start-up shortage did not clear");
                }
                Thread.sleep(20);
            }
            h.openSse(h.admin());
            Thread.sleep(300);
            drain(h);
            for (int i = 0; i < 10; i++) { // warm-up of the HTTP paths
                h.http().get("/health/live", null);
            }
            for (int i = 0; i < CYCLES; i++) {
                long t = System.nanoTime();
                h.http().get("/health/live", null);
                samples.get("plain HTTP round trip (GET /health/live)").add(ms(System.nanoTime() - t));

                step(h, samples, "ISSUE", a + Labels.RED_CELLS, null, "ward-1", "OPENED");
                step(h, samples, "RETURN", a + Labels.RED_CELLS, "fridge-1", null, "RESOLVED");
            }
        }
        System.out.println();
        System.out.printf("Alert latency, %d issue/return cycles around a par minimum of 2 (%d alert changes per subscriber)%n",
                CYCLES, 2 * CYCLES);
        System.out.printf("%-44s %8s %8s %8s %8s %8s%n", "path", "p50 ms", "p90 ms", "p99 ms", "max ms", "n");
        samples.forEach((k, v) -> System.out.printf("%-44s %8.2f %8.2f %8.2f %8.2f %8d%n", k, pct(v, 50), pct(v, 90), pct(v, 99),
                pct(v, 100), v.size()));
        System.out.println();
    }

    private static void step(AlertsHarness h, Map<String, List<Double>> samples, String action, String read, String location,
                             String destination, String change) throws Exception {
        long sent = System.nanoTime();
        Http.Response r = h.scan(action, read, location, destination);
        long created = System.nanoTime();
        check(r);
        samples.get("scan round trip (POST /scans -> 201)").add(ms(created - sent));
        AlertsHarness.Event e = h.nextSse("shortage", change, 10_000);
        AlertsHarness.Hook hook = h.nextHook("shortage", change, 10_000);
        AlertsHarness.Published p = h.nextMqtt("hemowatch/v1/main/alerts/shortage/RBC_O-", 10_000);
        if (e == null || hook == null || p == null || !hook.signatureValid()) {
            throw new IllegalStateException(change + " missing: sse=" + e + " hook=" + hook + " mqtt=" + p);
        }
        samples.get("201 -> SSE event").add(ms(e.receivedNanos() - created));
        samples.get("201 -> webhook received").add(ms(hook.receivedNanos() - created));
        samples.get("201 -> MQTT publish (port)").add(ms(p.nanos() - created));
        Thread.sleep(250); // beyond the coalescing window
        drain(h);
    }

    private static void drain(AlertsHarness h) {
        h.sse.clear();
        h.hooks.clear();
        h.mqtt.clear();
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
