package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.RunningService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The read path at growing stock: {@code wrk} against {@code /health/live} (the same run's
 * baseline), {@code /api/v1/stock} (with and without {@code If-None-Match}), a 50-unit page of
 * {@code /api/v1/units} (first page, and a page deep in the stock by cursor), and one donation
 * ({@code /api/v1/units/{din}}, over a working set of 1,000 DINs whose bodies are kept, and over
 * every DIN, mostly read from SQLite). One service, stock grown in steps with {@link BulkUnits}
 * (through the store, not HTTP); at each step also the stock at a fixed rate ({@link FixedRate}, open
 * loop, default 1,000 requests per second, {@code bench.rate}). Prints req/s, p99, the ratio to the
 * baseline and the load average; asserts nothing.
 * <p>
 * Run: {@code mvn -B -q test -Pbench -Dtest=HttpReadBench} (see docs/performance.md for the
 * properties {@code bench.sizes}, {@code bench.seconds}, {@code bench.connections}, {@code bench.warmup};
 * {@code bench.dir} keeps the data directory, e.g. for {@code RestartBench -Dbench.data=...}).
 */
@Tag("bench")
class HttpReadBench {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
            .mapToLong(s -> Long.parseLong(s.trim())).toArray();
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final int HOT_DINS = 1000;
    private static final int RATE = Integer.getInteger("bench.rate", 1000);

    @TempDir
    Path tmp;

    @Test
    void readPathAgainstLiveness() throws Exception {
        Wrk.ensureInstalled();
        Clock clock = Clock.systemUTC();
        List<String> report = new ArrayList<>();
        Path dir = System.getProperty("bench.dir") != null ? Path.of(System.getProperty("bench.dir")) : tmp;
        try (RunningService service = ServiceBuilder.service().dataDir(dir.resolve("data")).clock(clock).start()) {
            String key = service.adminKey();
            String base = "http://127.0.0.1:" + service.httpPort();
            List<String> auth = List.of("Authorization: Bearer " + key);
            long heapBefore = usedHeapAfterGc();
            long loaded = 0;
            for (long size : SIZES) {
                long t0 = System.nanoTime();
                loaded += BulkUnits.load(service.service().units(), "main", clock, loaded, size) / 2;
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                loaded = size;
                long heap = usedHeapAfterGc();
                String tag = new Http(service.httpPort()).get("/api/v1/stock", key).header("ETag");
                String deep = cursorAtMiddle(new Http(service.httpPort()), key, size);

                if (size == SIZES[0]) {
                    // JIT warm-up of every path, not reported
                    for (String path : List.of("/health/live", "/api/v1/stock", "/api/v1/units?limit=50")) {
                        Wrk.run("warm-up", base + path, path.startsWith("/api") ? auth : List.of(), null, 2, CONNECTIONS, WARMUP);
                    }
                    Wrk.run("warm-up", base, auth, donations(Math.min(HOT_DINS, size)), 2, CONNECTIONS, WARMUP);
                }
                List<Wrk.Result> rs = new ArrayList<>();
                rs.add(wrk("/health/live", base + "/health/live", List.of(), null));
                rs.add(wrk("/api/v1/stock", base + "/api/v1/stock", auth, null));
                rs.add(wrk("/api/v1/stock If-None-Match (304)", base + "/api/v1/stock", List.of(auth.get(0), "If-None-Match: " + tag), null));
                rs.add(wrk("/api/v1/units?limit=50", base + "/api/v1/units?limit=50", auth, null));
                rs.add(wrk("/api/v1/units?limit=50&cursor=(middle)", base + "/api/v1/units?limit=50&cursor=" + deep, auth, null));
                rs.add(wrk("/api/v1/units/{din}, 1,000 DINs", base, auth, donations(Math.min(HOT_DINS, size))));
                rs.add(wrk("/api/v1/units/{din}, every DIN", base, auth, donations(size)));
                rs.add(wrk("/health/live (again)", base + "/health/live", List.of(), null));
                double baseline = (rs.get(0).requestsPerSecond() + rs.get(rs.size() - 1).requestsPerSecond()) / 2;

                report.add(String.format("%nload average before the runs of this step: %s", loadAverage()));
                report.add(String.format("%,d units (loaded in %.0f s through the store; heap after GC %.0f MB, %.0f bytes/unit over the empty service)",
                        size, loadSeconds, heap / 1e6, (heap - heapBefore) / (double) size));
                report.add(String.format("%-44s %12s %10s %9s %8s", "path", "req/s", "p99 ms", "ratio", "errors"));
                for (Wrk.Result r : rs) {
                    report.add(String.format("%-44s %,12.0f %10.2f %8.2fx %8d", r.name(), r.requestsPerSecond(), r.p99Millis(),
                            r.requestsPerSecond() / baseline, r.errors()));
                }
                for (FixedRate.Result paced : List.of(
                        FixedRate.run("/health/live, fixed rate", base + "/health/live", List.of(), RATE, 2, SECONDS),
                        FixedRate.run("/api/v1/stock, fixed rate", base + "/api/v1/stock", auth, RATE, 2, SECONDS))) {
                    report.add(String.format("%-44s %,12.0f %10.2f   (open loop at %,d req/s: p50 %.2f, p99.9 %.2f, max %.2f ms)%s",
                            paced.name(), paced.achieved(), paced.p99Millis(), RATE, paced.p50Millis(), paced.p999Millis(),
                            paced.maxMillis(), paced.errors() > 0 ? ", " + paced.errors() + " errors" : ""));
                }
                report.add("load average after this step (/proc/loadavg): " + loadAverage());
                report.forEach(System.out::println);
            }
        }
        System.out.println();
        System.out.printf("wrk -t2 -c%d -d%ds on 127.0.0.1, same machine; ratio = req/s over the mean of the two /health/live runs of the same step%n",
                CONNECTIONS, SECONDS);
        report.forEach(System.out::println);
    }

    private static Wrk.Result wrk(String name, String url, List<String> headers, String lua) throws Exception {
        return Wrk.run(name, url, headers, lua, 2, CONNECTIONS, SECONDS);
    }

    /** A wrk script asking for donation {@code (n·7919) mod count} in turn (the bulk loader's DINs). */
    private static String loadAverage() throws java.io.IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static String donations(long count) {
        return "local n = 0\n"
                + "request = function()\n"
                + "  n = n + 1\n"
                + "  local i = (n * 7919) % " + count + "\n"
                + "  return wrk.format(nil, string.format(\"/api/v1/units/A9999%02d%06d\", 30 + math.floor(i / 1000000), i % 1000000))\n"
                + "end\n";
    }

    /** The cursor of a page about halfway through the stock (found with the offset and cursor pages themselves). */
    private static String cursorAtMiddle(Http http, String key, long size) throws Exception {
        String next = null;
        long walked = 0;
        while (walked < size / 2) {
            var page = http.get("/api/v1/units?limit=1000" + (next == null ? "" : "&cursor=" + next), key).json();
            next = page.getString("next");
            walked += 1000;
            if (next == null) {
                break;
            }
        }
        return next;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
