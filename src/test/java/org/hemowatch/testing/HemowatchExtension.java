package org.hemowatch.testing;

import org.hemowatch.app.ServiceInternals;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A whole Hemowatch around a test class or each test, made by {@link ServiceBuilder#extension()}:
 * <pre>
 * &#64;RegisterExtension
 * static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env("HEMOWATCH_ZONE", "UTC").extension();
 * </pre>
 * A static field starts the service before the class's {@code @BeforeAll} methods and stops it after its
 * {@code @AfterAll}; an instance field does so around each test. Without a data directory of the builder's,
 * each start gets a fresh temporary one, deleted after the stop.
 */
public final class HemowatchExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ServiceBuilder builder;
    private RunningService running;
    private boolean perClass;
    private Path ownDataDir;
    private Http http;

    HemowatchExtension(ServiceBuilder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            stop();
        }
    }

    /** Stops the service and starts it again on the same data directory (and config). */
    public void restart() throws Exception {
        running.close();
        running = builder.dataDir(dataDir()).start();
        http = new Http(running.httpPort());
    }

    public RunningService running() {
        if (running == null) {
            throw new IllegalStateException("the service is not running: register the extension with @RegisterExtension");
        }
        return running;
    }

    /** The service's test access point. */
    public ServiceInternals service() {
        return running().service();
    }

    public int httpPort() {
        return running().httpPort();
    }

    /** An HTTP client of the service's API. */
    public Http http() {
        running();
        return http;
    }

    /** The first admin key the service wrote at its first start. */
    public String adminKey() throws Exception {
        return running().adminKey();
    }

    public Path dataDir() {
        return running().dataDir();
    }

    public Clock clock() {
        return builder.clock();
    }

    private void start() throws Exception {
        if (builder.dataDir() == null) {
            ownDataDir = Files.createTempDirectory("hemowatch-it");
            builder.dataDir(ownDataDir.resolve("data"));
            Files.createDirectories(ownDataDir.resolve("data"));
        }
        running = builder.start();
        http = new Http(running.httpPort());
    }

    private void stop() throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            running = null;
            if (ownDataDir != null) {
                delete(ownDataDir);
                builder.dataDir(null);
                ownDataDir = null;
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
