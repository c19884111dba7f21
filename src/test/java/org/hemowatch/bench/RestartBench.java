package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.testing.RunningService;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up against history: the time from {@code java … serve} to {@code /health/ready} answering
 * 200, and the heap after a full GC (jcmd GC.run, then GC.heap_info), for an empty data directory,
 * after {@code bench.units} units (loaded with {@link BulkUnits} through the store), and after
 * {@code bench.readings} more readings (stored by {@link ReadingRecords#insertAll} through the
 * group-commit writer, spread over the last 300 days and {@value #DEVICES} devices). The restarted
 * service runs with {@code -Xmx} of {@code bench.heap} (default 400m), so the memory target is
 * the limit it must live in. Prints figures; asserts nothing.
 * <p>
 * Run: {@code mvn -B -q test -Pbench -Dtest=RestartBench} ({@code -Dbench.dir=...} keeps the data
 * directory, and a second run with the same directory skips the generation; {@code -Dbench.data=...}
 * takes the units of an existing data directory, e.g. the one HttpReadBench kept, and adds the readings).
 */
@Tag("bench")
class RestartBench {

    private static final long UNITS = Long.getLong("bench.units", 1_000_000);
    private static final long READINGS = Long.getLong("bench.readings", 10_000_000);
    private static final String HEAP = System.getProperty("bench.heap", "400m");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int DEVICES = 100;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    record Start(double readySeconds, long heapAfterGcBytes) {
    }

    @Test
    void timeToReadyAndHeapAfterGc() throws Exception {
        Path root = System.getProperty("bench.dir") != null ? Path.of(System.getProperty("bench.dir"))
                : Files.createTempDirectory("hemowatch-restart");
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path data = root.resolve("data");
        Path done = root.resolve("generated");
        List<String> report = new ArrayList<>();
        report.add(String.format("%-44s %10s %16s", "data directory", "ready s", "heap after GC MB"));
        report.add(row("empty", starts(empty, root)));
        if (System.getProperty("bench.data") != null) {
            data = Path.of(System.getProperty("bench.data"));
            done = data.resolveSibling("generated-readings");
        }
        if (!Files.exists(done)) {
            Files.createDirectories(data);
            Clock clock = Clock.systemUTC();
            long t0 = System.nanoTime();
            if (System.getProperty("bench.data") == null) {
                try (RunningService service = ServiceBuilder.service().dataDir(data).clock(clock).start()) {
                    BulkUnits.load(service.service().units(), "main", clock, 0, UNITS);
                }
                System.out.printf("%,d units loaded through the store in %.0f s%n", UNITS, (System.nanoTime() - t0) / 1e9);
            }
            report.add(row("units only (" + data + ")", starts(data, root)));
            t0 = System.nanoTime();
            try (RunningService service = ServiceBuilder.service().dataDir(data).clock(clock).start()) {
                storeReadings(service.service().writer(), clock.instant());
            }
            System.out.printf("%,d readings stored through the writer in %.0f s%n", READINGS, (System.nanoTime() - t0) / 1e9);
            Files.writeString(done, "units and " + READINGS + " readings\n");
        }
        report.add(row(Files.readString(done).trim(), starts(data, root)));
        System.out.println();
        System.out.printf("restart: java -Xmx%s … serve until /health/ready is 200; median of %d starts; heap: jcmd GC.run then GC.heap_info%n", HEAP, ROUNDS);
        report.forEach(System.out::println);
    }

    private static String row(String what, List<Start> starts) {
        List<Double> ready = starts.stream().map(Start::readySeconds).sorted().toList();
        List<Long> heap = starts.stream().map(Start::heapAfterGcBytes).sorted().toList();
        return String.format("%-44s %10.2f %16.0f   (ready min %.2f, max %.2f s)", what, ready.get(ready.size() / 2),
                heap.get(heap.size() / 2) / 1e6, ready.get(0), ready.get(ready.size() - 1));
    }

    private static List<Start> starts(Path data, Path root) throws Exception {
        List<Start> out = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            out.add(start(data, root.resolve("service.log")));
        }
        return out;
    }

    /** One start of the service as its own JVM; ready when /health/ready says 200. */
    private static Start start(Path data, Path log) throws Exception {
        int port = ServiceProcess.freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-cp", System.getProperty("java.class.path"), "org.hemowatch.app.Main", "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("HEMOWATCH_DATA_DIR", data.toString());
        pb.environment().put("HEMOWATCH_HTTP_PORT", Integer.toString(port));
        pb.environment().put("HEMOWATCH_HTTP_HOST", "127.0.0.1");
        pb.environment().put("HEMOWATCH_MQTT_PORT", "0");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the service exited with " + p.exitValue() + "; see " + log);
                }
                try {
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("not ready within 5 minutes; see " + log);
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            jcmd(p.pid(), "GC.run");
            Matcher m = USED.matcher(jcmd(p.pid(), "GC.heap_info"));
            long heap = m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
            return new Start(seconds, heap);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        j.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Readings of {@value #DEVICES} fridges, one per device per interval, over the last 300 days, in batches through the writer. */
    private static void storeReadings(GroupCommitWriter writer, Instant now) throws Exception {
        long perDevice = READINGS / DEVICES;
        Duration step = Duration.ofDays(300).dividedBy(Math.max(1, perDevice));
        Instant first = now.minus(Duration.ofDays(300));
        List<CompletableFuture<?>> pending = new ArrayList<>();
        int batchSize = 5000;
        List<TemperatureReading> batch = new ArrayList<>(batchSize);
        for (long n = 0; n < perDevice; n++) {
            Instant at = first.plus(step.multipliedBy(n));
            for (int d = 0; d < DEVICES; d++) {
                batch.add(new TemperatureReading("main", "fridge-" + d, n, at, 4.0 + (n % 7) * 0.1, "air", null, null, "bench"));
                if (batch.size() == batchSize) {
                    List<TemperatureReading> b = batch;
                    pending.add(writer.submit(tx -> ReadingRecords.insertAll(tx, b)));
                    batch = new ArrayList<>(batchSize);
                    if (pending.size() >= 8) {
                        pending.remove(0).get(5, TimeUnit.MINUTES);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            List<TemperatureReading> b = batch;
            pending.add(writer.submit(tx -> ReadingRecords.insertAll(tx, b)));
        }
        for (CompletableFuture<?> f : pending) {
            f.get(5, TimeUnit.MINUTES);
        }
    }
}
