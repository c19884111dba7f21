package org.hemowatch.app.cli;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.ingest.mqtt.MqttConfig;
import org.hemowatch.publish.Topics;
import org.hemowatch.ingest.serial.ControllerLineDecoder;
import org.hemowatch.json.JsonMappers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hemowatch simulate}: fridges publishing readings and scanners publishing label scans over
 * MQTT (the protocol of firmware-protocols/mqtt.md), or writing controller and scanner lines to a
 * serial device (firmware-protocols/serial-*.md). Prints one summary line per interval.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate fridges and label scanners over MQTT or a serial line.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--mqtt", description = "MQTT endpoint or broker, e.g. tcp://localhost:1883")
    String mqtt;
    @Option(names = "--serial", description = "serial device to write controller lines to, e.g. /dev/pts/3")
    String serial;
    @Option(names = "--scanner-serial", description = "with --serial: a second serial device for the scanners' label reads")
    String scannerSerial;
    @Option(names = "--site", defaultValue = "main")
    String site;
    @Option(names = "--fridges", defaultValue = "20")
    int fridges;
    @Option(names = "--scanners", defaultValue = "0")
    int scanners;
    @Option(names = "--interval", defaultValue = "1s", description = "time between readings of one fridge (e.g. 500ms, 1s, 1m)")
    String interval;
    @Option(names = "--duration", description = "stop after this long (default: run until interrupted)")
    String duration;
    @Option(names = "--username", description = "MQTT user name (default: the device id)")
    String username;
    @Option(names = "--password", description = "MQTT password: an API key with role device")
    String password;
    @Option(names = "--seed", defaultValue = "1")
    long seed;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong scans = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        if ((mqtt == null) == (serial == null)) {
            System.err.println("give exactly one of --mqtt or --serial");
            return 2;
        }
        Duration every = parseDuration(interval);
        Duration total = duration != null ? parseDuration(duration) : null;
        Random random = new Random(seed);
        SimulatedLabels labels = new SimulatedLabels(random, "A9999", LocalDateTime.now(ZoneOffset.UTC).getYear());
        return serial != null ? runSerial(every, total, random, labels) : runMqtt(every, total, random, labels);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^[0-9]+", "")) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("durations look like 500ms, 1s, 5m or 1h: " + text);
        };
    }

    /** A fridge around 4 °C with noise and a slow drift; the door opens now and then. */
    static final class Fridge {
        final String id;
        long seq;
        double temp = 4.0;

        Fridge(String id) {
            this.id = id;
        }

        double next(Random r) {
            temp += (4.0 - temp) * 0.1 + r.nextGaussian() * 0.15;
            return Math.round(temp * 10) / 10.0;
        }
    }

    private int runMqtt(Duration every, Duration total, Random random, SimulatedLabels labels) throws Exception {
        MqttConfig.BrokerAddress address = MqttConfig.BrokerAddress.parse(mqtt);
        Vertx vertx = Vertx.vertx();
        try {
            List<MqttClient> clients = new ArrayList<>();
            List<Fridge> fs = new ArrayList<>();
            for (int i = 1; i <= fridges; i++) {
                Fridge f = new Fridge(String.format("fridge-%02d", i));
                fs.add(f);
                clients.add(connect(vertx, address, f.id, Topics.status(site, f.id)));
            }
            List<MqttClient> scanClients = new ArrayList<>();
            for (int i = 1; i <= scanners; i++) {
                scanClients.add(connect(vertx, address, "scanner-" + i, null));
            }
            long[] unit = {random.nextInt(900_000)};
            long[] scanSeq = new long[scanners];
            long timer = vertx.setPeriodic(every.toMillis(), t -> {
                for (int i = 0; i < fs.size(); i++) {
                    Fridge f = fs.get(i);
                    String door = random.nextInt(50) == 0 ? "open" : "closed";
                    double tempC = Math.round(f.next(random) * 10.0) / 10.0;
                    publish(clients.get(i), Topics.readings(site, f.id), new SimulatedReading(++f.seq, Instant.now().toString(), tempC, "air", door));
                }
                for (int i = 0; i < scanClients.size(); i++) {
                    String label = labels.label(++unit[0], LocalDateTime.now(ZoneOffset.UTC).plusDays(35).withHour(23).withMinute(59));
                    publish(scanClients.get(i), Topics.scans(site, "scanner-" + (i + 1)), new SimulatedScan(++scanSeq[i], "RECEIVE", label, "receiving"));
                    scans.incrementAndGet();
                }
                System.out.printf("%s sent=%d acked=%d failed=%d scans=%d%n", Instant.now(), sent.get(), acked.get(), failed.get(), scans.get());
            });
            waitFor(total);
            // stop publishing and let the last QoS 1 messages be acknowledged before saying goodbye
            vertx.cancelTimer(timer);
            long deadline = System.currentTimeMillis() + 5_000;
            while (acked.get() + failed.get() < sent.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            for (MqttClient c : clients) {
                c.disconnect();
            }
            for (MqttClient c : scanClients) {
                c.disconnect();
            }
            Thread.sleep(300);
            return 0;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private MqttClient connect(Vertx vertx, MqttConfig.BrokerAddress address, String id, String willTopic) throws Exception {
        MqttClientOptions o = new MqttClientOptions().setClientId(id).setCleanSession(true).setSsl(address.ssl())
                .setUsername(username != null ? username : id).setMaxInflightQueue(1000);
        if (password != null) {
            o.setPassword(password);
        }
        if (willTopic != null) {
            o.setWillFlag(true).setWillTopic(willTopic).setWillMessageBytes(Buffer.buffer("offline")).setWillQoS(1);
        }
        MqttClient c = MqttClient.create(vertx, o);
        c.publishCompletionHandler(mid -> acked.incrementAndGet());
        c.connect(address.port(), address.host()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (willTopic != null) {
            publish(c, willTopic, new SimulatedStatus("online"));
        }
        return c;
    }

    /** The payloads a simulated fridge and scanner send, as a device would (see firmware-protocols/mqtt.md). */
    record SimulatedReading(long seq, String ts, double tempC, String probe, String door) {
    }

    record SimulatedScan(long seq, String action, String data, String location) {
    }

    record SimulatedStatus(String status) {
    }

    private void publish(MqttClient c, String topic, Object payload) {
        sent.incrementAndGet();
        c.publish(topic, Buffer.buffer(JsonMappers.writeWire(payload)), MqttQoS.AT_LEAST_ONCE, false, false).onFailure(e -> failed.incrementAndGet());
    }

    private int runSerial(Duration every, Duration total, Random random, SimulatedLabels labels) throws Exception {
        List<Fridge> fs = new ArrayList<>();
        for (int i = 1; i <= fridges; i++) {
            fs.add(new Fridge(Integer.toString(i)));
        }
        long end = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
        long unit = random.nextInt(900_000);
        try (OutputStream out = new FileOutputStream(serial);
             OutputStream scanOut = scannerSerial != null ? new FileOutputStream(scannerSerial) : OutputStream.nullOutputStream()) {
            while (System.nanoTime() < end) {
                StringBuilder b = new StringBuilder();
                for (Fridge f : fs) {
                    String body = String.format(Locale.ROOT, "HWT,%s,%d,air,%.1f,%s,-", f.id, ++f.seq, f.next(random), random.nextInt(50) == 0 ? "O" : "C");
                    b.append('$').append(body).append('*').append(ControllerLineDecoder.checksumHex(body)).append("\r\n");
                }
                write(out, b.toString());
                for (int i = 0; i < scanners && scannerSerial != null; i++) {
                    // one whole-label read per line, CR LF terminated (serial-scanner.md)
                    write(scanOut, labels.label(++unit, LocalDateTime.now(ZoneOffset.UTC).plusDays(35).withHour(23).withMinute(59)) + "\r\n");
                    scans.incrementAndGet();
                }
                sent.addAndGet(fs.size());
                System.out.printf("%s lines=%d scans=%d%n", Instant.now(), sent.get(), scans.get());
                Thread.sleep(every.toMillis());
            }
        }
        return 0;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void waitFor(Duration total) throws InterruptedException {
        if (total == null) {
            Thread.currentThread().join();
        } else {
            Thread.sleep(total.toMillis());
        }
    }
}
