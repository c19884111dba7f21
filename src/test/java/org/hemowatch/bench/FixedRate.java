package org.hemowatch.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load at a fixed rate (wrk has none): request {@code i} is due at
 * {@code start + i / rate} and is sent then whatever the earlier ones are doing, and its latency
 * is measured from when it was due, not from when it went out, so a stalled server shows in the
 * percentiles instead of slowing the load down (no coordinated omission). JDK HTTP/1.1 client with
 * asynchronous sends (a connection per request in flight), latencies in an HdrHistogram (the one
 * Micrometer already brings). Responses other than 2xx/304 count as errors.
 */
final class FixedRate {

    record Result(String name, double rate, double achieved, double p50Millis, double p99Millis, double p999Millis,
                  double maxMillis, long errors, long requests) {
    }

    private FixedRate() {
    }

    /** {@code warmupSeconds} unmeasured, then {@code seconds} measured, at {@code rate} requests per second. */
    static Result run(String name, String url, List<String> headers, int rate, int warmupSeconds, int seconds) throws Exception {
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30));
        for (String h : headers) {
            int colon = h.indexOf(':');
            b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        HttpRequest request = b.build();
        try {
            pace(client, request, rate, warmupSeconds, new SynchronizedHistogram(60_000_000L, 3), new AtomicLong());
            Histogram micros = new SynchronizedHistogram(60_000_000L, 3);
            AtomicLong errors = new AtomicLong();
            long t0 = System.nanoTime();
            long sent = pace(client, request, rate, seconds, micros, errors);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            return new Result(name, rate, sent / elapsed, micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
                    micros.getMaxValue() / 1000.0, errors.get(), micros.getTotalCount());
        } finally {
            callbacks.shutdownNow(); // the client's connections close with it
        }
    }

    /** Sends {@code rate × seconds} requests on schedule; returns when all have answered (or timed out). */
    private static long pace(HttpClient client, HttpRequest request, int rate, int seconds, Histogram micros, AtomicLong errors)
            throws Exception {
        long n = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[(int) n];
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending[i] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                micros.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                if (e != null || r.statusCode() >= 400) {
                    errors.incrementAndGet();
                }
            });
        }
        CompletableFuture.allOf(pending).handle((v, e) -> null).get(2, TimeUnit.MINUTES);
        return n;
    }
}
