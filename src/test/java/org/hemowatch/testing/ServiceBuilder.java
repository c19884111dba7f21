package org.hemowatch.testing;

import org.hemowatch.app.Hemowatch;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one way a test starts a whole Hemowatch: say its config, environment, MQTT broker and clock, then start it in
 * this JVM ({@link #start()}), as a child JVM ({@link #startProcess}, {@link #runUntilExit}: for kill -9, restart and
 * start-up failure tests; the clock is then the real one), or as a JUnit extension that starts and stops it around a class or each test ({@link #extension()}).
 * Tests use the extension; the direct starts are for the extension itself and for benchmarks, which start several
 * services one after another in one measurement.
 * Every way applies the same test defaults over the environment given: the data directory, HTTP on a free port of
 * 127.0.0.1, and the embedded MQTT endpoint on a free port (never 1883, which a system broker may hold).
 */
public final class ServiceBuilder {

    private Path dataDir;
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> env = new HashMap<>();
    private String yaml;
    private Path configFile;
    private Supplier<String> broker;

    private ServiceBuilder() {
    }

    public static ServiceBuilder service() {
        return new ServiceBuilder();
    }

    /** The data directory; without one, {@link #extension()} makes a temporary one (the other ways need one). */
    public ServiceBuilder dataDir(Path dir) {
        this.dataDir = dir;
        return this;
    }

    /** The clock the service runs on (in this JVM only). */
    public ServiceBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    public ServiceBuilder env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ServiceBuilder env(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    /** YAML configuration, written next to the data directory ({@code hemowatch-test.yaml}) at each start. */
    public ServiceBuilder config(String text) {
        this.yaml = text;
        return this;
    }

    /** A configuration file the test writes itself (read again at each start, so a restart sees its edits). */
    public ServiceBuilder configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /** The external broker the service subscribes at instead of its embedded endpoint; a start waits until it is subscribed. */
    public ServiceBuilder broker(String url) {
        return broker(() -> url);
    }

    /** As {@link #broker(String)}, the URL asked for at each start (e.g. of a broker another extension starts first). */
    public ServiceBuilder broker(Supplier<String> url) {
        this.broker = url;
        return this;
    }

    /**
     * One member of several instances on a shared database and broker: its MQTT client id {@code name} in the shared
     * subscription group {@code hw} (for a child process; {@link HemowatchExtension#instances} does this itself).
     */
    public ServiceBuilder member(String name, String jdbcUrl, String brokerUrl) {
        share(name, jdbcUrl);
        return broker(brokerUrl);
    }

    /**
     * Instance {@code hw-(i+1)} of several, made from this builder (left unchanged): data directory {@code dir/hw-n/data},
     * a member of the group {@code hw}, unknown devices registered unless the env says otherwise, on the PostgreSQL
     * database {@code jdbcUrl} (null: an SQLite file of its own).
     */
    ServiceBuilder instance(int i, Path dir, String jdbcUrl) throws IOException {
        String name = "hw-" + (i + 1);
        ServiceBuilder b = copy().dataDir(Files.createDirectories(dir.resolve(name)).resolve("data"));
        b.env.putIfAbsent("HEMOWATCH_UNKNOWN_DEVICES", "register");
        return b.share(name, jdbcUrl);
    }

    private ServiceBuilder share(String name, String jdbcUrl) {
        env.put("HEMOWATCH_MQTT_CLIENT_ID", name);
        env.put("HEMOWATCH_MQTT_SHARED_GROUP", "hw");
        if (jdbcUrl != null) {
            env.put("HEMOWATCH_DB_URL", jdbcUrl);
            env.put("HEMOWATCH_DB_USER", "postgres");
        }
        return this;
    }

    /** A JUnit 5 extension: as a static {@code @RegisterExtension} field it runs around the class, as an instance field around each test. */
    public HemowatchExtension extension() {
        return new HemowatchExtension(this);
    }

    /** A builder with this one's settings, changed without changing this one (one per instance of several). */
    ServiceBuilder copy() {
        ServiceBuilder b = new ServiceBuilder();
        b.dataDir = dataDir;
        b.clock = clock;
        b.env.putAll(env);
        b.yaml = yaml;
        b.configFile = configFile;
        b.broker = broker;
        return b;
    }

    /** Starts the service in this JVM, as the wiring does in production; close it when done. */
    public RunningService start() throws Exception {
        Path dir = requireDataDir();
        HemowatchConfig config = new ConfigLoader().load(writeConfig(dir), environment(dir, "0"));
        Hemowatch h = Hemowatch.start(config, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        RunningService running = new RunningService(h, dir);
        if (broker != null) {
            awaitSubscribed(running);
        }
        return running;
    }

    /** Starts {@code hemowatch serve} as a child JVM on the test class path, its output appended to {@code log}. */
    public ServiceProcess startProcess(Path log) throws IOException, InterruptedException {
        Path dir = requireDataDir();
        int port = ServiceProcess.freePort();
        return ServiceProcess.start(log, environment(dir, Integer.toString(port)), port, serveArgs(dir));
    }

    /** Runs {@code hemowatch serve args...} as a child JVM (the built jar when there is one) until it exits by itself. */
    public ServiceProcess.Exit runUntilExit(Path log, Duration limit, String... args) throws IOException, InterruptedException {
        Path dir = requireDataDir();
        List<String> all = serveArgs(dir);
        all.addAll(List.of(args));
        return ServiceProcess.runUntilExit(log, environment(dir, Integer.toString(ServiceProcess.freePort())), limit, all);
    }

    Path dataDir() {
        return dataDir;
    }

    Clock clock() {
        return clock;
    }

    private Map<String, String> environment(Path dir, String httpPort) {
        Map<String, String> all = new HashMap<>();
        all.put("HEMOWATCH_DATA_DIR", dir.toString());
        all.put("HEMOWATCH_HTTP_PORT", httpPort);
        all.put("HEMOWATCH_HTTP_HOST", "127.0.0.1");
        all.put("HEMOWATCH_MQTT_PORT", "0");
        if (broker != null) {
            all.put("HEMOWATCH_MQTT_BROKER", broker.get());
        }
        all.putAll(env);
        return all;
    }

    /** A child process is given its config file with {@code --config}. */
    private List<String> serveArgs(Path dir) throws IOException {
        Path file = writeConfig(dir);
        return file == null ? new ArrayList<>() : new ArrayList<>(List.of("--config", file.toString()));
    }

    private Path writeConfig(Path dir) throws IOException {
        if (configFile != null) {
            return configFile;
        }
        if (yaml == null) {
            return null;
        }
        Path file = dir.toAbsolutePath().getParent().resolve("hemowatch-test.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Path requireDataDir() {
        if (dataDir == null) {
            throw new IllegalStateException("say the data directory: dataDir(path)");
        }
        return dataDir;
    }

    private void awaitSubscribed(RunningService running) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        while (!running.service().mqtt().ready()) {
            if (System.currentTimeMillis() > end) {
                running.close();
                throw new IllegalStateException("the service did not subscribe at the broker " + broker.get());
            }
            Thread.sleep(20);
        }
    }
}
