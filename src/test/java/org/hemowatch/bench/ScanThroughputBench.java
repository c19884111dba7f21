package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.json.JsonObject;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.RunningService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans per second through {@code POST /api/v1/scans} with durable commit (SQLite, WAL,
 * synchronous=FULL), for a baseline of one transaction per scan ({@code maxBatch=1}) and for
 * group commit, measured in the same run. Prints figures; asserts nothing about speed.
 * Run: {@code mvn -B -q test -Pbench -Dtest=ScanThroughputBench}.
 */
@Tag("bench")
class ScanThroughputBench {

    private static final int SCANS = Integer.getInteger("bench.scans", 4000);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);

    @TempDir
    Path dir;

    record Result(String name, double scansPerSecond, double p50ms, double p99ms, double meanBatch, double maxBatch, long batches) {
    }

    @Test
    void durableScansPerSecond() throws Exception {
        Result baseline = run("one commit per scan (maxBatch=1)", 1, "25");
        Result grouped = run("group commit (maxBatch=512)", 512, "26");
        System.out.println();
        System.out.printf("POST /api/v1/scans, %d scans, %d concurrent clients, SQLite WAL synchronous=FULL%n", SCANS, CONCURRENCY);
        System.out.printf("%-36s %12s %9s %9s %11s %10s %9s%n", "mode", "scans/s", "p50 ms", "p99 ms", "mean batch", "max batch", "commits");
        for (Result r : List.of(baseline, grouped)) {
            System.out.printf("%-36s %12.0f %9.2f %9.2f %11.1f %10.0f %9d%n", r.name(), r.scansPerSecond(), r.p50ms(), r.p99ms(), r.meanBatch(), r.maxBatch(), r.batches());
        }
        System.out.printf("group commit / baseline throughput ratio: %.2fx%n%n", grouped.scansPerSecond() / baseline.scansPerSecond());
    }

    private Result run(String name, int maxBatch, String year) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data-" + maxBatch));
        try (RunningService service = ServiceBuilder.service().dataDir(data).clock(Clock.systemUTC()).env(Map.of("HEMOWATCH_DB_MAXBATCH", Integer.toString(maxBatch))).start()) {
            String key = service.adminKey();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + service.httpPort() + "/api/v1/scans");
            List<String> bodies = new ArrayList<>(SCANS);
            for (int i = 0; i < SCANS; i++) {
                String din = "A9999" + year + String.format("%06d", i);
                bodies.add(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                        .put("data", Labels.dinRead(din) + "=%5100=<E0398V00" + Labels.expiryInDays(Clock.systemUTC(), 30)).encode());
            }
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            Semaphore inFlight = new Semaphore(CONCURRENCY);
            AtomicInteger failures = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            for (String body : bodies) {
                inFlight.acquire();
                long sent = System.nanoTime();
                HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    latencies.add((System.nanoTime() - sent) / 1e6);
                    if (e != null || r.statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                    inFlight.release();
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failures.get() > 0) {
                throw new AssertionError(failures.get() + " scans failed in " + name);
            }
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            DistributionSummary batches = service.service().metrics().registry().get(MetricNames.STORE_BATCH_SIZE).summary();
            return new Result(name, SCANS / seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)),
                    batches.mean(), batches.max(), batches.count());
        }
    }
}
