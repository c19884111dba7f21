package org.hemowatch.testing;

import org.hemowatch.app.Hemowatch;
import org.hemowatch.app.ServiceInternals;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a whole Hemowatch in this JVM on free ports and a given data directory, as the wiring does in production. */
public final class RunningService implements AutoCloseable {

    private final Hemowatch service;
    private final Path dataDir;

    private RunningService(Hemowatch service, Path dataDir) {
        this.service = service;
        this.dataDir = dataDir;
    }

    public static RunningService start(Path dataDir, Clock clock, Map<String, String> env) throws Exception {
        return start(dataDir, clock, env, null);
    }

    /** Like {@link #start(Path, Clock, Map)}, with a YAML config file written to the data directory's parent. */
    public static RunningService start(Path dataDir, Clock clock, Map<String, String> env, String yaml) throws Exception {
        Path file = null;
        if (yaml != null) {
            file = dataDir.toAbsolutePath().getParent().resolve("hemowatch-test.yaml");
            Files.writeString(file, yaml);
        }
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("HEMOWATCH_DATA_DIR", dataDir.toString());
        all.putIfAbsent("HEMOWATCH_HTTP_PORT", "0");
        all.putIfAbsent("HEMOWATCH_HTTP_HOST", "127.0.0.1");
        all.putIfAbsent("HEMOWATCH_MQTT_PORT", "0"); // never the real 1883: a system broker may hold it
        HemowatchConfig config = new ConfigLoader().load(file, all);
        Hemowatch h = Hemowatch.start(config, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new RunningService(h, dataDir);
    }

    public int httpPort() {
        return service.httpPort();
    }

    /** The service's test access point. */
    public ServiceInternals service() {
        return service.internals();
    }

    /** The first admin key the service wrote at its first start. */
    public String adminKey() throws Exception {
        return Files.readString(dataDir.resolve("admin.key")).trim();
    }

    @Override
    public void close() throws Exception {
        service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
