package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up against history: the time from {@code java … serve} to {@code /health/ready} answering
 * 200, and the heap after a full GC (jcmd GC.run, then GC.heap_info), for an empty data directory,
 * then for {@code bench.units} units (loaded once with {@link BulkUnits} through the store), then
 * with stored readings added step by step up to each count of {@code bench.readings} (default
 * 0, 10M, 100M; added with {@link BulkReadings}, a multi-row insert into the store's own schema), so
 * the figures show whether the ready time depends on the readings. The restarted service runs with
 * {@code -Xmx} of {@code bench.heap} (default 400m), so the memory target is the limit it must live
 * in. Prints figures and the load average; asserts nothing.
 * <p>
 * Run: {@code mvn -B -q test -Pbench -Dtest=RestartBench}. {@code -Dbench.dir=...} keeps the data
 * directory: a later run goes on from what is stored (units once, readings up to each count);
 * {@code -Dbench.generateOnly=true} only generates; {@code -Dbench.data=...} takes the units of an
 * existing data directory (e.g. the one HttpReadBench kept) and adds the readings there.
 */
@Tag("bench")
class RestartBench {

    private static final long UNITS = Long.getLong("bench.units", 1_000_000);
    private static final String READINGS = System.getProperty("bench.readings", "0,10000000,100000000");
    private static final String HEAP = System.getProperty("bench.heap", "400m");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final boolean GENERATE_ONLY = Boolean.getBoolean("bench.generateOnly");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** @param cpuSeconds CPU time (user + system, every thread) the service used until ready: less sensitive to load than the wall time */
    record Start(double readySeconds, double cpuSeconds, long heapAfterGcBytes) {
    }

    @Test
    void timeToReadyAndHeapAfterGc() throws Exception {
        Path root = System.getProperty("bench.dir") != null ? Path.of(System.getProperty("bench.dir"))
                : Files.createTempDirectory("hemowatch-restart");
        Files.createDirectories(root);
        List<String> report = new ArrayList<>();
        report.add(String.format("%-44s %10s %10s %16s", "data directory", "ready s", "CPU s", "heap after GC MB"));
        if (!GENERATE_ONLY) {
            report.add(row("empty", starts(Files.createDirectories(root.resolve("empty")), root)));
        }
        Path data = System.getProperty("bench.data") != null ? Path.of(System.getProperty("bench.data")) : root.resolve("data");
        Path unitsDone = root.resolve("units-generated");
        if (System.getProperty("bench.data") == null && !Files.exists(unitsDone)) {
            Files.createDirectories(data);
            Clock clock = Clock.systemUTC();
            long t0 = System.nanoTime();
            try (RunningService service = ServiceBuilder.service().dataDir(data).clock(clock).start()) {
                BulkUnits.load(service.service().units(), "main", clock, 0, UNITS);
            }
            System.out.printf("%,d units loaded through the store in %.0f s (load average %s)%n", UNITS,
                    (System.nanoTime() - t0) / 1e9, loadAverage());
            Files.writeString(unitsDone, UNITS + " units\n");
        }
        // the readings end at the instant of the first fill, so more readings continue the same series
        Path epoch = root.resolve("readings-end");
        if (!Files.exists(epoch)) {
            Files.writeString(epoch, Instant.now().toString());
        }
        Instant end = Instant.parse(Files.readString(epoch).trim());
        for (String step : READINGS.split(",")) {
            long target = Long.parseLong(step.trim());
            long t0 = System.nanoTime();
            double rate = BulkReadings.fill(data, target, end);
            if (rate > 0) {
                System.out.printf("readings up to %,d stored in %.0f s (%,.0f rows/s, load average %s)%n", target,
                        (System.nanoTime() - t0) / 1e9, rate, loadAverage());
            }
            if (!GENERATE_ONLY) {
                long units = BulkReadings.openUnits(data);
                report.add(row(String.format("%,d open units, %,d readings", units, BulkReadings.count(data)), starts(data, root)));
            }
        }
        System.out.println();
        System.out.printf("restart: java -Xmx%s … serve until /health/ready is 200; median of %d starts; heap: jcmd GC.run then GC.heap_info%n", HEAP, ROUNDS);
        report.forEach(System.out::println);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String row(String what, List<Start> starts) {
        List<Double> ready = starts.stream().map(Start::readySeconds).sorted().toList();
        List<Double> cpu = starts.stream().map(Start::cpuSeconds).sorted().toList();
        List<Long> heap = starts.stream().map(Start::heapAfterGcBytes).sorted().toList();
        return String.format("%-44s %10.2f %10.2f %16.0f   (ready min %.2f, max %.2f s; load average %s)", what, ready.get(ready.size() / 2),
                cpu.get(cpu.size() / 2), heap.get(heap.size() / 2) / 1e6, ready.get(0), ready.get(ready.size() - 1), loadAverage());
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
            double cpu = ProcCpu.micros(p.pid()) / 1e6;
            jcmd(p.pid(), "GC.run");
            Matcher m = USED.matcher(jcmd(p.pid(), "GC.heap_info"));
            long heap = m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
            return new Start(seconds, cpu, heap);
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
}
